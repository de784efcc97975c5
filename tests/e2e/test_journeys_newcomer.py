"""Issue 15's done-when in the browser: enter a challenge, flag a design to the queue, a story needs a second editor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Profile
from community import rules as community_rules
from community.models import ModerationCase
from designs.models import Design, DesignState
from editorial.models import StoryPage
from tests.e2e.conftest import log_in
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.editorial import story_index
from tests.factories.voting import ChallengeFactory
from voting.models import ChallengeEntry

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _as(page, user) -> None:
    page.context.clear_cookies()
    log_in(page, user.email, PASSWORD)


def test_a_maker_finds_the_open_challenge_and_enters_a_design_from_the_challenge_page(page):
    now = timezone.now()
    challenge = ChallengeFactory(
        title="Bold Type",
        slug="bold-type",
        submission_starts_at=now - timedelta(days=1),
        submission_ends_at=now + timedelta(days=5),
        voting_starts_at=now + timedelta(days=6),
        voting_ends_at=now + timedelta(days=13),
    )
    maker = UserFactory(email="mira@example.org", handle="mira")
    design = DesignFactory(maker=maker, title="Loud Letters", state=DesignState.DRAFT)
    _as(page, maker)

    # The way in: the main menu leads to the challenges, the challenge invites makers.
    page.goto("/designs/")
    page.locator("nav.main-nav").get_by_role("link", name="Challenges").click()
    page.get_by_role("link", name="Bold Type").first.click()
    assert page.get_by_role("link", name="Submit a design for this challenge").count() == 1

    page.select_option("#enter-design", str(design.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Enter this design").click()
    assert page.get_by_text("is entered in “Bold Type”").count() == 1
    assert ChallengeEntry.objects.filter(challenge=challenge, design=design).exists()

    # The design page says where it takes part.
    page.goto(design.get_absolute_url())
    assert page.locator(".vote-panel__challenge", has_text="Bold Type").count() == 1


def test_a_member_flags_a_design_and_an_editor_removes_it_in_the_queue(page, monkeypatch):
    monkeypatch.setattr(community_rules, "FLAG_HIDE_THRESHOLD", 5.0)
    design = DesignFactory(title="Copied Artwork")
    member = UserFactory(email="flagger@example.org", handle="flagger")
    Profile.objects.filter(user=member).update(trust_level=1)
    editor = UserFactory(email="ed@example.org", handle="ed-itor")
    editor.groups.add(Group.objects.get(name="Moderators"), Group.objects.get(name="Editors"))

    _as(page, member)
    page.goto(design.get_absolute_url())
    flag = page.locator(".design__info .flag-button")
    flag.locator("summary", has_text="Flag").click()
    flag.locator("input[name=reason][value=rights]").check()
    flag.get_by_role("button", name="Send flag").click()
    page.get_by_text("The moderators will look at it.").wait_for()
    page.reload()
    assert page.get_by_text("You flagged this.").count() == 1

    _as(page, editor)
    page.goto("/admin/moderation/")
    page.get_by_role("link", name="Design “Copied Artwork”").click()
    page.fill("form[action$='/remove/'] textarea, form[action$='/remove/'] input[name=reason]", "Copies a poster")
    with page.expect_navigation():
        page.click("form[action$='/remove/'] button[type=submit]")
    assert ModerationCase.objects.get(object_id=design.pk).status == "removed"
    assert Design.objects.get(pk=design.pk).moderation_removed

    page.context.clear_cookies()
    response = page.goto(design.get_absolute_url())
    assert response.status == 410
    page.goto("/moderation/")
    assert page.get_by_text("Copies a poster").count() >= 1
    page.goto("/search/?q=copied+artwork")
    assert page.get_by_role("link", name="Copied Artwork").count() == 0


def _action(page, selector: str) -> None:
    """Click an action in the page editor's footer menu (it sits in the "More actions" dropdown)."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator(".w-dropdown-button button[aria-expanded]").last.click()
    with page.expect_navigation():
        button.click()


def test_an_editors_own_story_cannot_go_live_without_a_second_editor(page):
    index = story_index()
    author = UserFactory(email="writer@example.org", handle="writer", is_staff=True)
    author.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Moderators"))
    second = UserFactory(email="second@example.org", handle="second", is_staff=True)
    second.groups.add(Group.objects.get(name="Editors"))
    story = StoryPage(title="Studio visit", slug="studio-visit", intro="A visit.", live=False, owner=author)
    index.add_child(instance=story)
    story.save_revision(user=author)

    _as(page, author)
    page.goto(f"/admin/pages/{story.pk}/edit/")
    assert page.locator("button[name=action-publish]").count() == 0
    _action(page, "button[name=action-submit]")
    page.goto(f"/admin/pages/{story.pk}/edit/")
    assert page.locator("button[data-workflow-action-name=approve]").count() == 0
    story.refresh_from_db()
    assert not story.live

    _as(page, second)
    page.goto(f"/admin/pages/{story.pk}/edit/")
    _action(page, "button[data-workflow-action-name=approve]")
    for _attempt in range(20):
        story.refresh_from_db()
        if story.live:
            break
        page.wait_for_timeout(250)
    assert story.live


def test_the_phone_header_is_compact_and_the_menu_shows_that_it_scrolls(phone):
    from tests.factories.editorial import home_page

    home_page()
    member = UserFactory(email="phone@example.org", handle="phone-member")
    _as(phone, member)
    for path in ("/", "/de/"):
        phone.goto(path)
        header = phone.locator("header.site-header").bounding_box()
        assert header["height"] <= 190, (path, header)
        nav = phone.locator("nav.main-nav")
        overflowing = nav.evaluate("n => n.scrollWidth > n.clientWidth + 1")
        mask = nav.evaluate("n => getComputedStyle(n).maskImage || getComputedStyle(n).webkitMaskImage")
        if overflowing:
            assert mask and mask != "none", "the menu is cut off without a sign that it scrolls"
        last = nav.locator("li").last
        last.scroll_into_view_if_needed()
        assert last.is_visible()
