"""Issue 15: following a maker works in the browser (phone and desktop), persists, and fills the feed."""

from __future__ import annotations

import pytest

from accounts.models import Profile
from community.models import Follow
from community.services import activity_record
from tests.e2e.conftest import log_in
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import DesignFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _maker_with_work():
    maker = UserFactory(email="theo@example.org", handle="theo-prints", display_name="Theo Prints")
    Profile.objects.filter(user=maker).update(is_maker=True)
    design = DesignFactory(maker=maker, title="Tidal Lines")
    activity_record(actor=maker, verb="published", target=design)
    return maker, design


def _follow_and_unfollow(tab, path: str) -> None:
    maker = UserFactory._meta.model.objects.get(handle="theo-prints")
    member = UserFactory(email="newbie@example.org", handle="newbie")
    log_in(tab, member.email, PASSWORD)

    tab.goto("/feed/")
    assert tab.get_by_text("Tidal Lines").count() == 0

    tab.goto(path)
    button = tab.get_by_role("button", name="Follow Theo Prints", exact=True)
    button.click()
    tab.get_by_role("button", name="Unfollow Theo Prints", exact=True).wait_for()
    assert tab.locator("[data-follower-count]").inner_text().strip() == "1 follower"
    assert "Not Found" not in tab.content()
    assert Follow.objects.filter(follower=member, maker=maker).exists()

    tab.reload()
    assert tab.get_by_role("button", name="Unfollow Theo Prints", exact=True).count() == 1
    assert tab.locator("[data-follower-count]").inner_text().strip() == "1 follower"

    tab.goto("/feed/")
    assert tab.get_by_role("link", name="Tidal Lines").count() == 1

    tab.goto(path)
    tab.get_by_role("button", name="Unfollow Theo Prints", exact=True).click()
    tab.get_by_role("button", name="Follow Theo Prints", exact=True).wait_for()
    assert tab.locator("[data-follower-count]").inner_text().strip() == "0 followers"
    tab.reload()
    assert tab.get_by_role("button", name="Follow Theo Prints", exact=True).count() == 1
    assert not Follow.objects.filter(follower=member, maker=maker).exists()
    tab.goto("/feed/")
    assert tab.get_by_role("link", name="Tidal Lines").count() == 0


def test_follow_a_maker_on_the_storefront_on_a_phone(phone):
    _maker_with_work()
    _follow_and_unfollow(phone, "/makers/theo-prints/")


def test_follow_a_maker_on_the_member_page_on_a_desktop(page):
    _maker_with_work()
    _follow_and_unfollow(page, "/members/theo-prints/")


def test_follow_without_javascript_still_works(browser, live_server):
    _maker_with_work()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="en-GB")
    tab = context.new_page()
    try:
        member = UserFactory(email="nojs@example.org", handle="nojs")
        log_in(tab, member.email, PASSWORD)
        tab.goto("/makers/theo-prints/")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Follow Theo Prints", exact=True).click()
        assert tab.url.endswith("/makers/theo-prints/")
        assert tab.get_by_role("button", name="Unfollow Theo Prints", exact=True).count() == 1
    finally:
        context.close()
