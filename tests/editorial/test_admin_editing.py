import pytest
from django.urls import reverse
from wagtail.models import Locale

from editorial.models import CollectionPage, StandardPage
from tests.factories.editorial import (
    collection,
    collection_index,
    home_page,
    make_design,
    publish,
    staff_user,
    story_index,
)

pytestmark = pytest.mark.django_db


def test_editor_opens_the_editor_of_every_page_type(client):
    client.force_login(staff_user("Editors"))
    home = home_page()
    parents = {
        "standardpage": home,
        "collectionindexpage": home,
        "storyindexpage": home,
        "collectionpage": collection_index(),
        "storypage": story_index(),
    }
    for model, parent in parents.items():
        response = client.get(reverse("wagtailadmin_pages:add", args=("editorial", model, parent.pk)))
        assert response.status_code == 200, model
    page = collection([make_design(title="Chosen One")])
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    assert "Chosen One" in response.content.decode()
    assert client.get(reverse("wagtailadmin_pages:edit", args=(home.pk,))).status_code == 200


def test_editor_chooses_public_designs_in_the_design_chooser(client):
    client.force_login(staff_user("Editors"))
    make_design(title="Choosable Design")
    response = client.get(reverse("wagtailsnippetchoosers_designs_design:choose"))
    assert response.status_code == 200
    assert "Choosable Design" in response.content.decode()


def test_editor_translates_a_page_into_german_with_wagtail_localize(client):
    editor = staff_user("Editors", "Moderators")
    client.force_login(editor)
    home = home_page()
    page = publish(home.add_child(instance=StandardPage(title="About", slug="about", intro="Who we are")))
    de = Locale.objects.get(language_code="de")

    response = client.post(reverse("wagtail_localize:submit_page_translation", args=(home.pk,)), {"locales": [de.pk]})
    assert response.status_code == 302
    response = client.post(reverse("wagtail_localize:submit_page_translation", args=(page.pk,)), {"locales": [de.pk]})
    assert response.status_code == 302
    german = page.get_translation(de)
    assert german.title == "About"
    response = client.get(reverse("wagtailadmin_pages:edit", args=(german.pk,)))
    assert response.status_code == 200


def test_collection_editor_states_that_hidden_items_need_no_edit(client):
    client.force_login(staff_user("Editors"))
    response = client.get(
        reverse("wagtailadmin_pages:add", args=("editorial", "collectionpage", collection_index().pk))
    )
    assert "hidden automatically" in response.content.decode()
    assert CollectionPage.objects.count() == 0
