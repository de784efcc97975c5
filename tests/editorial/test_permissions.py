import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from designs.models import DesignState
from editorial.models import StandardPage, StoryPage
from tests.factories.accounts import UserFactory
from tests.factories.editorial import home_page, make_design, publish, staff_user, story_index

pytestmark = pytest.mark.django_db


def _about_page():
    return publish(home_page().add_child(instance=StandardPage(title="About", slug="about", intro="Old intro")))


def test_editors_edit_and_publish_pages(client):
    page = _about_page()
    client.force_login(staff_user("Editors", "Moderators"))
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert client.get(edit_url).status_code == 200

    response = client.post(
        edit_url,
        nested_form_data(
            {
                "title": "About us",
                "slug": "about",
                "intro": "New intro",
                "body": streamfield([("text", rich_text("<p>Hello</p>"))]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "About us" and page.intro == "New intro"
    assert "New intro" in client.get("/about/").content.decode()


@pytest.mark.parametrize("maker", [True, False], ids=["maker", "member"])
def test_makers_and_members_have_no_admin_access(client, maker):
    page = _about_page()
    user = UserFactory()
    if maker:
        make_design(maker=user)
        user.profile.is_maker = True
        user.profile.save()
    client.force_login(user)

    assert client.get("/admin/").status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code in (302, 403)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        nested_form_data({"title": "Hacked", "slug": "about", "intro": "x", "action-publish": "1"}),
    )
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title == "About"
    snippets = reverse("wagtailsnippets_designs_design:list")
    assert client.get(snippets).status_code in (302, 403)


def _story_form(title, slug, maker):
    return {
        "title": title,
        "slug": slug,
        "date": "2026-05-01",
        "tags": "spotlight",
        "intro": "A short intro.",
        "hero_image": "",
        "body": streamfield([("text", rich_text("<p>Story text</p>")), ("quote", {"quote": "Hi", "attribution": ""})]),
        "story_makers": inline_formset([{"maker": maker.pk}]),
        "comments": inline_formset([]),
    }


def test_a_story_waits_for_a_moderators_approval_before_it_goes_live(client):
    index = story_index()
    writer = staff_user("Editors")
    moderator = staff_user("Moderators")
    maker = UserFactory(display_name="Theo Prints")
    maker.profile.is_maker = True
    maker.profile.save()

    client.force_login(writer)
    add_url = reverse("wagtailadmin_pages:add", args=("editorial", "storypage", index.pk))
    # A writer cannot publish directly: the publish action does not make the story live.
    form = _story_form("Meet Theo", "meet-theo", maker)
    client.post(add_url, nested_form_data({**form, "action-publish": "action-publish"}))
    story = StoryPage.objects.get(slug="meet-theo")
    assert not story.live

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(story.pk,)),
        nested_form_data({**form, "action-submit": "action-submit"}),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert not story.live
    state = WorkflowState.objects.for_instance(story).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Story approval"
    client.logout()
    assert client.get("/stories/meet-theo/").status_code == 404

    # The writer cannot approve their own story.
    client.force_login(writer)
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=(story.pk, "approve", state.current_task_state.pk))
    client.post(approve_url, {"comment": ""})
    story.refresh_from_db()
    assert not story.live

    client.force_login(moderator)
    response = client.post(approve_url, {"comment": ""})
    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert story.live
    client.logout()
    html = client.get("/stories/meet-theo/").content.decode()
    assert "Meet Theo" in html and "Theo Prints" in html and "spotlight" in html


def test_story_approval_workflow_covers_story_indexes_in_every_language():
    from wagtail.models import Locale

    index = story_index()
    german = index.copy_for_translation(Locale.objects.get(language_code="de"), copy_parents=True)
    for page in (index, german):
        workflow = Page.objects.get(pk=page.pk).get_workflow()
        assert workflow is not None and workflow.name == "Story approval"


def test_editors_browse_designs_with_filters_and_search_but_cannot_change_them(client):
    client.force_login(staff_user("Editors"))
    make_design(title="Blue Whale", state=DesignState.SUBMITTED)
    make_design(title="Red Fox", state=DesignState.APPROVED)
    list_url = reverse("wagtailsnippets_designs_design:list")

    html = client.get(list_url, {"state": "submitted"}).content.decode()
    assert "Blue Whale" in html and "Red Fox" not in html
    html = client.get(list_url, {"q": "fox"}).content.decode()
    assert "Red Fox" in html and "Blue Whale" not in html

    assert client.get(reverse("wagtailsnippets_designs_design:add")).status_code in (302, 403)
    design = make_design(title="Green Frog")
    assert client.get(reverse("wagtailsnippets_designs_design:edit", args=(design.pk,))).status_code in (302, 403)
    response = client.post(reverse("wagtailsnippets_designs_design:delete", args=(design.pk,)))
    assert response.status_code in (302, 403)
    design.refresh_from_db()
    assert client.get(reverse("wagtailsnippets_designs_design:inspect", args=(design.pk,))).status_code == 200


def test_dashboard_shows_designs_awaiting_moderation_and_a_decision(client):
    client.force_login(staff_user("Editors", "Moderators"))
    make_design(title="Waiting For Review", state=DesignState.SUBMITTED)
    make_design(title="On The Shortlist", state=DesignState.SHORTLISTED)
    make_design(title="Already Voting", state=DesignState.APPROVED)

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Designs awaiting moderation" in html and "Waiting For Review" in html
    assert "Shortlisted designs awaiting a decision" in html and "On The Shortlist" in html
    assert "Already Voting" not in html
    assert "top designs" in html and "sales" in html


def test_dashboard_shows_this_weeks_top_designs_and_sales(client):
    from tests.factories.shop import make_product, paid_line

    client.force_login(staff_user("Editors", "Moderators"))
    product = make_product(price="30.00")
    paid_line(UserFactory(), product)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Not available yet" not in html
    assert "This week’s sales" in html or "This week&#x27;s sales" in html or "This week's sales" in html
    assert "Revenue" in html and "30" in html
