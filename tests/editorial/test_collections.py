import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from designs.models import DesignState
from designs.services import design_withdraw
from editorial.models import CollectionPage, HomePage
from tests.factories.accounts import UserFactory
from tests.factories.editorial import collection, collection_index, home_page, make_design, publish, staff_user

pytestmark = pytest.mark.django_db


def _featured_block(heading, pages, per_collection=4):
    return {
        "heading": heading,
        "collections": {
            "count": len(pages),
            **{str(i): {"value": page.pk, "deleted": "", "order": i, "id": ""} for i, page in enumerate(pages)},
        },
        "items_per_collection": per_collection,
    }


def test_editor_builds_a_collection_in_the_admin_it_shows_on_the_home_page_and_withdrawn_designs_vanish(
    client,
):
    editor = staff_user("Editors", "Moderators")
    maker = UserFactory()
    kept = make_design(maker=maker, title="Kept Design", with_image=True)
    withdrawn = make_design(maker=maker, title="Soon Withdrawn", with_image=True)
    third = make_design(title="Third Design")
    index = collection_index()
    home = home_page()
    client.force_login(editor)

    # The editor chooses and orders designs in the collection page editor and publishes it.
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("editorial", "collectionpage", index.pk)),
        nested_form_data(
            {
                "title": "Editors' autumn",
                "slug": "editors-autumn",
                "intro": "Warm colours.",
                "hero_image": "",
                "items": streamfield([("design", withdrawn.pk), ("design", kept.pk), ("design", third.pk)]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CollectionPage.objects.get(slug="editors-autumn")
    assert page.live

    # The editor features it on the home page.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(home.pk,)),
        nested_form_data(
            {
                "title": home.title,
                "slug": home.slug,
                "body": streamfield([("featured_collections", _featured_block("Featured", [page]))]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    client.logout()
    html = client.get("/").content.decode()
    assert "Editors&#x27; autumn" in html or "Editors' autumn" in html
    assert html.index("Soon Withdrawn") < html.index("Kept Design") < html.index("Third Design")
    assert "Soon Withdrawn" in client.get(page.url).content.decode()

    revisions = page.revisions.count()
    design_withdraw(design=withdrawn, actor=maker)

    home_html = client.get("/").content.decode()
    page_html = client.get(page.url).content.decode()
    assert "Soon Withdrawn" not in home_html and "Soon Withdrawn" not in page_html
    assert "Kept Design" in home_html and "Kept Design" in page_html
    assert page.revisions.count() == revisions


@pytest.mark.parametrize(
    "change",
    [
        {"moderation_removed": True},
        {"state": DesignState.REJECTED},
        {"state": DesignState.DRAFT},
        {"state": DesignState.WITHDRAWN},
    ],
)
def test_collection_hides_designs_that_are_not_public(client, change):
    hidden = make_design(title="Hidden Later")
    shown = make_design(title="Still Shown")
    page = collection([hidden, shown])
    assert "Hidden Later" in client.get(page.url).content.decode()

    type(hidden).objects.filter(pk=hidden.pk).update(**change)

    html = client.get(page.url).content.decode()
    assert "Hidden Later" not in html
    assert "Still Shown" in html


def test_collection_shows_state_and_maker_of_each_design(client):
    maker = UserFactory(display_name="Mira Maker")
    page = collection([make_design(maker=maker, title="On Show", state=DesignState.ON_SALE)])
    html = client.get(page.url).content.decode()
    assert "On Show" in html
    assert "Mira Maker" in html
    assert "On sale" in html


def test_collection_index_lists_live_collections_only(client):
    live = collection([make_design(title="In Live")], title="Live one", slug="live-one")
    draft = collection([make_design(title="In Draft")], title="Draft one", slug="draft-one")
    draft.unpublish()
    html = client.get(live.get_parent().url).content.decode()
    assert "Live one" in html and "In Live" in html
    assert "Draft one" not in html and "In Draft" not in html


def _count_queries(client, url):
    client.get(url)  # renditions are made on the first view; count a warm page as visitors see it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_collection_page_queries_do_not_grow_with_its_items(client, django_assert_max_num_queries):
    small = collection([make_design(with_image=True) for _ in range(3)], title="Small", slug="small")
    large = collection([make_design(with_image=True) for _ in range(30)], title="Large", slug="large")

    small_count = _count_queries(client, small.url)
    large_count = _count_queries(client, large.url)

    assert small_count == large_count
    with django_assert_max_num_queries(16):
        client.get(large.url)


def test_home_page_queries_do_not_grow_with_the_items_of_featured_collections(client):
    home = home_page()
    small = collection([make_design(with_image=True) for _ in range(3)], title="Small", slug="small")
    large = collection([make_design(with_image=True) for _ in range(30)], title="Large", slug="large")

    def feature(page, per_collection):
        home.body = [
            ("featured_collections", {"heading": "Featured", "collections": [page], "items_per_collection": 12})
        ]
        publish(home)

    feature(small, 12)
    small_count = _count_queries(client, "/")
    feature(large, 12)
    large_count = _count_queries(client, "/")
    assert small_count == large_count
    html = client.get("/").content.decode()
    assert html.count('class="card"') == 12


def test_german_home_page_features_the_german_translation_of_a_collection(client):
    from wagtail.models import Locale

    de = Locale.objects.get(language_code="de")
    home = home_page()
    page = collection([make_design(title="Shared Design")], title="Autumn", slug="autumn")
    home_de = home.copy_for_translation(de)
    publish(home_de)
    page_de = page.copy_for_translation(de, copy_parents=True)
    page_de.title = "Herbst"
    publish(page_de)
    home_de = HomePage.objects.get(pk=home_de.pk)
    # The editor chose the English collection; German visitors see the German one.
    home_de.body = [
        ("featured_collections", {"heading": "Ausgewählt", "collections": [page], "items_per_collection": 4})
    ]
    publish(home_de)

    html = client.get("/de/").content.decode()
    assert "Herbst" in html
    assert "/de/collections/autumn/" in html
    assert "Shared Design" in html


@pytest.mark.parametrize("status", ["draft", "retired"])
def test_collection_leaves_out_products_that_are_not_on_sale(client, status):
    from tests.factories.shop import make_product

    on_sale = make_product()
    hidden = make_product(status=status)
    page = collection([])
    page.items = [("product", hidden), ("product", on_sale)]
    publish(page)

    html = client.get(page.url).content.decode()
    assert on_sale.title in html
    assert hidden.title not in html


def test_collection_leaves_out_products_whose_design_was_removed(client):
    from tests.factories.shop import make_product

    product = make_product()
    page = collection([])
    page.items = [("product", product)]
    publish(page)
    assert product.title in client.get(page.url).content.decode()

    type(product.design).objects.filter(pk=product.design_id).update(moderation_removed=True)
    assert product.title not in client.get(page.url).content.decode()
