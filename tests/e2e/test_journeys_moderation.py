"""Issue 6's done-when in the browser: comment, maker reply with badge, follow-up, flags, removal, public log."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from accounts.models import Profile
from notifications.models import Notification
from tests.e2e.conftest import log_in
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import DesignFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _member(email: str, handle: str, level: int = 1):
    user = UserFactory(email=email, handle=handle)
    Profile.objects.filter(user=user).update(trust_level=level)
    return user


def _as(page, user) -> None:
    page.context.clear_cookies()
    log_in(page, user.email, PASSWORD)


def test_comment_reply_flags_and_removal_with_a_public_reason(page):
    maker = _member("e2e.maker6@example.org", "e2e-maker6")
    member = _member("e2e.member6@example.org", "e2e-member6")
    flaggers = [_member(f"e2e.flagger{i}@example.org", f"e2e-flagger{i}") for i in range(3)]
    editor = _member("e2e.editor6@example.org", "e2e-editor6", level=3)
    editor.groups.add(Group.objects.get(name="Moderators"), Group.objects.get(name="Editors"))
    design = DesignFactory(maker=maker, title="Night Harbour")

    _as(page, member)
    page.goto(design.get_absolute_url())
    page.fill(".design__comments form.comment-form textarea[name=comment] >> nth=0", "Would this work on a mug?")
    page.check(".design__comments form.comment-form input[name=followup] >> nth=0")
    page.click(".design__comments form.comment-form button[type=submit] >> nth=0")
    page.wait_for_selector("text=Would this work on a mug?")

    _as(page, maker)
    page.goto(design.get_absolute_url())
    comment = page.locator("li.comment", has_text="Would this work on a mug?").first
    comment.locator("summary", has_text="Reply").click()
    comment.locator("textarea[name=comment]").fill("Yes, I am preparing a mug version.")
    comment.locator("form.comment-form button[type=submit]").click()
    page.wait_for_selector("text=preparing a mug version")
    page.reload()
    reply = page.locator("li.comment--maker", has_text="preparing a mug version")
    assert reply.locator(".badge", has_text="Maker").count() == 1
    assert Notification.objects.filter(recipient=member).exclude(kind__startswith="design_").exists()

    for flagger in flaggers:
        _as(page, flagger)
        page.goto(design.get_absolute_url())
        target = page.locator("li.comment", has_text="Would this work on a mug?").first
        target.locator("summary", has_text="Flag").first.click()
        target.locator("input[name=reason][value=spam]").first.check()
        target.locator("form.flag-form button[type=submit]").first.click()
        page.wait_for_timeout(300)
    page.goto(design.get_absolute_url())
    assert page.get_by_text("Hidden while the moderators review flags.").count() >= 1

    _as(page, editor)
    page.goto("/admin/moderation/")
    page.locator("a", has_text="Comment").first.click()
    page.wait_for_load_state()
    page.fill("form[action$='/remove/'] textarea, form[action$='/remove/'] input[name=reason]", "Advertising")
    with page.expect_navigation():
        page.click("form[action$='/remove/'] button[type=submit]")

    page.context.clear_cookies()
    page.goto(design.get_absolute_url())
    assert page.get_by_text("Removed by the moderators.").count() >= 1
    assert page.get_by_text("Advertising").count() >= 1
    page.goto("/moderation/")
    assert page.get_by_text("Advertising").count() >= 1
