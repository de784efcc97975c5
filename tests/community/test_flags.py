import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django_comments_xtd.models import XtdComment

from community import rules as community_rules
from community import selectors, services
from community.forms import FlagForm
from community.models import CaseStatus, Flag, FlagReason, ModerationCase, ModerationLogEntry
from community.signals import content_removed
from notifications.models import Notification
from tests.community.conftest import with_trust
from tests.factories.accounts import UserFactory


@pytest.fixture
def moderator(db):
    user = UserFactory(handle="eddie-editor")
    user.user_permissions.add(Permission.objects.get(codename="moderate_content"))
    return user


@pytest.fixture
def comment(member, design):
    return services.comment_post(author=member, target=design, text="buy pills at my shop")


def flaggers(n, level=1):
    return [with_trust(UserFactory(), level) for _ in range(n)]


def test_three_ordinary_flags_hide_a_comment_pending_review(comment, render_comments, design):
    first, second, third = flaggers(3)
    services.flag_create(flagger=first, target=comment, reason=FlagReason.SPAM)
    services.flag_create(flagger=second, target=comment, reason=FlagReason.SPAM)
    comment.refresh_from_db()
    assert comment.is_public is True
    services.flag_create(flagger=third, target=comment, reason=FlagReason.RUDE)
    comment.refresh_from_db()
    assert comment.is_public is False
    case = ModerationCase.objects.get()
    assert case.status == CaseStatus.HIDDEN and case.weight_total == pytest.approx(3.0)
    html = render_comments(design)
    assert "buy pills" not in html
    assert "Hidden while the moderators review flags" in html


def test_flag_weight_follows_trust_level_and_upheld_ratio(comment, moderator, maker, design):
    newcomer_l1, regular = flaggers(1, 1)[0], flaggers(1, 3)[0]
    assert selectors.flag_weight(user=newcomer_l1) == pytest.approx(1.0)
    assert selectors.flag_weight(user=regular) == pytest.approx(2.0)
    # Two trusted, well-judging flaggers outweigh three newcomers: the item hides after two flags.
    services.flag_create(flagger=regular, target=comment, reason=FlagReason.SPAM)
    other_regular = flaggers(1, 2)[0]
    services.flag_create(flagger=other_regular, target=comment, reason=FlagReason.SPAM)
    assert ModerationCase.objects.get().status == CaseStatus.HIDDEN
    # A member whose flags were upheld weighs more; one whose flags were rejected, less.
    services.moderation_remove(case=ModerationCase.objects.get(), moderator=moderator, reason="Spam")
    assert selectors.flag_weight(user=regular) > 2.0
    second = services.comment_post(author=maker, target=design, text="fine comment")
    services.flag_create(flagger=newcomer_l1, target=second, reason=FlagReason.RUDE)
    services.moderation_keep(case=ModerationCase.objects.get(object_id=second.pk), moderator=moderator)
    assert selectors.flag_weight(user=newcomer_l1) < 1.0


def test_a_member_flags_an_item_once(comment):
    flagger = flaggers(1)[0]
    services.flag_create(flagger=flagger, target=comment, reason=FlagReason.SPAM)
    with pytest.raises(ValidationError, match="already flagged"):
        services.flag_create(flagger=flagger, target=comment, reason=FlagReason.RUDE)
    assert Flag.objects.count() == 1
    assert ModerationCase.objects.get().weight_total == pytest.approx(1.0)


@pytest.mark.parametrize("reason", ["spam", "because", "", None])
def test_the_service_takes_a_flag_reason_never_a_string(comment, reason):
    with pytest.raises(ValidationError, match="choose a reason"):
        services.flag_create(flagger=flaggers(1)[0], target=comment, reason=reason)
    assert Flag.objects.count() == 0
    assert ModerationCase.objects.count() == 0


def test_the_flag_form_reads_the_reason_as_a_flag_reason():
    form = FlagForm({"target": "t", "reason": "off_topic", "note": ""})
    assert form.is_valid()
    assert form.cleaned_data["reason"] is FlagReason.OFF_TOPIC
    assert not FlagForm({"target": "t", "reason": "because"}).is_valid()


@pytest.mark.parametrize("reason", ["because", "SPAM", ""])
def test_an_unknown_reason_is_answered_400_and_writes_no_flag(client, comment, reason):
    client.force_login(flaggers(1)[0])
    target = selectors.sign_target(comment)
    response = client.post("/flags/", {"target": target, "reason": reason}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "Please choose a reason."
    page = client.post("/flags/", {"target": target, "reason": reason})
    assert page.status_code == 400 and "Please choose a reason." in page.content.decode()
    assert Flag.objects.count() == 0
    assert ModerationCase.objects.count() == 0


def test_flagging_needs_trust_level_one(client, comment):
    newcomer = UserFactory()
    client.force_login(newcomer)
    response = client.post("/flags/", {"target": selectors.sign_target(comment), "reason": "spam"})
    assert response.status_code == 403
    assert "trust level 1" in response.content.decode()
    assert Flag.objects.count() == 0


def test_flagging_own_content_is_refused(client, member, comment):
    client.force_login(member)
    response = client.post(
        "/flags/", {"target": selectors.sign_target(comment), "reason": "spam"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    assert "your own" in response.json()["error"]
    assert Flag.objects.count() == 0


def test_flag_rate_limit_answers_429(client, member, maker, design, monkeypatch):
    monkeypatch.setattr(community_rules, "FLAG_RATE_LIMIT", 2)
    comments = [services.comment_post(author=maker, target=design, text=f"c{i}") for i in range(3)]
    client.force_login(member)
    codes = [
        client.post("/flags/", {"target": selectors.sign_target(c), "reason": "spam"}).status_code for c in comments
    ]
    assert codes == [302, 302, 429]
    assert Flag.objects.count() == 2


def test_moderator_removes_with_a_reason_placeholder_and_public_log(
    client, comment, moderator, member, design, render_comments
):
    for flagger in flaggers(3):
        services.flag_create(flagger=flagger, target=comment, reason=FlagReason.SPAM)
    case = ModerationCase.objects.get()
    with pytest.raises(ValidationError):
        services.moderation_remove(case=case, moderator=moderator, reason="  ")
    services.moderation_remove(case=case, moderator=moderator, reason="Advertising for an outside shop")
    comment.refresh_from_db()
    assert comment.is_removed is True
    html = render_comments(design)
    assert "Removed by the moderators" in html and "Advertising for an outside shop" in html
    assert "buy pills" not in html
    assert set(Flag.objects.values_list("status", flat=True)) == {"upheld"}
    assert Notification.objects.filter(recipient=member, kind="moderation").exists()
    page = client.get("/moderation/").content.decode()
    assert "Advertising for an outside shop" in page
    assert "Comment by @sam-member" in page
    assert member.email not in page and moderator.handle not in page  # no private data


def test_moderating_without_permission_changes_nothing(comment, member):
    services.flag_create(flagger=flaggers(1)[0], target=comment, reason=FlagReason.SPAM)
    case = ModerationCase.objects.get()
    with pytest.raises(PermissionDenied):
        services.moderation_remove(case=case, moderator=member, reason="no")
    with pytest.raises(PermissionDenied):
        services.moderation_suspend(member=member, moderator=member, days=3, reason="no")
    case.refresh_from_db()
    comment.refresh_from_db()
    assert case.status == CaseStatus.OPEN and comment.is_removed is False
    assert ModerationLogEntry.objects.count() == 0


def test_keep_shows_a_hidden_comment_again(comment, moderator):
    for flagger in flaggers(3):
        services.flag_create(flagger=flagger, target=comment, reason=FlagReason.RUDE)
    services.moderation_keep(case=ModerationCase.objects.get(), moderator=moderator)
    comment.refresh_from_db()
    assert comment.is_public is True
    assert set(Flag.objects.values_list("status", flat=True)) == {"rejected"}
    assert not ModerationLogEntry.objects.filter(action="kept").filter(action__in=["removed", "suspended"]).exists()


def test_hiding_a_parent_does_not_unhide_or_hide_its_replies(comment, maker, design, moderator):
    reply = services.comment_post(author=maker, target=design, text="reply", parent=comment)
    for flagger in flaggers(3):
        services.flag_create(flagger=flagger, target=comment, reason=FlagReason.RUDE)
    reply.refresh_from_db()
    assert reply.is_public is True


def test_removing_a_flagged_design_marks_it_and_sends_the_signal(design, moderator):
    received = []

    def listener(sender, instance, reason, **kwargs):
        received.append((sender, instance.pk, reason))

    content_removed.connect(listener)
    try:
        for flagger in flaggers(3):
            services.flag_create(flagger=flagger, target=design, reason=FlagReason.RIGHTS)
        case = ModerationCase.objects.get()
        assert case.author == design.maker
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            services.moderation_remove(case=case, moderator=moderator, reason="Copied artwork")
    finally:
        content_removed.disconnect(listener)
    design.refresh_from_db()
    assert design.moderation_removed is True
    assert received == [(type(design), design.pk, "Copied artwork")]
    assert selectors.removal_reason(obj=design) == "Copied artwork"


def test_warn_is_private_and_suspend_is_public(client, comment, member, moderator):
    services.moderation_warn(member=member, moderator=moderator, message="Please stay on topic")
    services.moderation_suspend(member=member, moderator=moderator, days=7, reason="Repeated spam")
    assert selectors.suspended_until(user=member) is not None
    page = client.get("/moderation/").content.decode()
    assert "Repeated spam" in page and "Please stay on topic" not in page
    with pytest.raises(PermissionDenied, match="suspended"):
        services.comment_post(author=member, target=comment.content_object, text="again")


def test_the_queue_is_in_the_wagtail_admin_for_moderators_only(client, comment, moderator):
    for flagger in flaggers(3):
        services.flag_create(flagger=flagger, target=comment, reason=FlagReason.SPAM)
    case = ModerationCase.objects.get()
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    # Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard and a message.
    refused = client.get("/admin/moderation/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    client.post(f"/admin/moderation/{case.pk}/remove/", {"reason": "x"})
    case.refresh_from_db()
    assert case.status == CaseStatus.HIDDEN
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(moderator)
    queue = client.get("/admin/moderation/")
    assert queue.status_code == 200 and "Comment by @sam-member" in queue.content.decode()
    assert client.get(f"/admin/moderation/{case.pk}/").status_code == 200
    response = client.post(f"/admin/moderation/{case.pk}/remove/", {"reason": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.HIDDEN  # a reason is required
    client.post(f"/admin/moderation/{case.pk}/remove/", {"reason": "Spam link"})
    case.refresh_from_db()
    assert case.status == CaseStatus.REMOVED and case.reason == "Spam link"
    assert XtdComment.objects.get().is_removed is True
