"""Rules of live drops: scheduling, running the show, the chat and its moderation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Profile
from community import rules as community_rules
from community.models import FlagReason, Follow, ModerationLogEntry
from community.services import flag_create
from core.ratelimit import RateLimited
from live import rules as live_rules
from live import services
from live.models import ChatMessage, LiveShow, PinEvent, ShowStatus
from notifications.models import Notification
from tests.factories.accounts import UserFactory
from tests.factories.live import make_maker, make_show
from tests.factories.shop import make_product

pytestmark = pytest.mark.django_db


def _trusted(user, level: int = 1):
    Profile.objects.filter(user=user).update(trust_level=level)
    user.refresh_from_db()
    return user


def test_schedule_tells_followers_once_and_shelf_holds_own_products(django_capture_on_commit_callbacks):
    maker = make_maker()
    fan = UserFactory()
    Follow.objects.create(follower=fan, maker=maker)
    own = make_product(maker=maker)
    other = make_product()
    start = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError):
        services.show_schedule(
            by=maker, title="Mine", starts_at=start, ends_at=start + timedelta(hours=1), product_ids=[other.pk]
        )
    with django_capture_on_commit_callbacks(execute=True):
        show = services.show_schedule(
            by=maker, title="Autumn prints", starts_at=start, ends_at=start + timedelta(hours=1), product_ids=[own.pk]
        )
    assert show.slug == "autumn-prints"
    assert list(show.shelf.values_list("product_id", flat=True)) == [own.pk]
    told = Notification.objects.filter(recipient=fan, kind="live_scheduled")
    assert told.count() == 1 and show.get_absolute_url() == told.get().url
    assert services.followers_tell(show_id=show.pk, what="scheduled") == 0  # once per drop


def test_members_who_are_not_makers_cannot_schedule():
    member = UserFactory()
    start = timezone.now() + timedelta(days=1)
    with pytest.raises(PermissionDenied):
        services.show_schedule(by=member, title="x", starts_at=start, ends_at=start + timedelta(hours=1))


def test_start_notifies_followers_once_and_only_the_host_runs_the_show(django_capture_on_commit_callbacks):
    show = make_show(status=ShowStatus.SCHEDULED)
    fan = UserFactory()
    Follow.objects.create(follower=fan, maker=show.host)
    with pytest.raises(PermissionDenied):
        services.show_start(show=show, by=fan)
    with django_capture_on_commit_callbacks(execute=True):
        services.show_start(show=show, by=show.host)
        services.show_start(show=show, by=show.host)
    show.refresh_from_db()
    assert show.status == ShowStatus.LIVE and show.started_at
    assert Notification.objects.filter(recipient=fan, kind="live_started").count() == 1
    staff = UserFactory(is_staff=True)
    services.show_end(show=show, by=staff)
    show.refresh_from_db()
    assert show.status == ShowStatus.ENDED
    with pytest.raises(ValidationError):
        services.show_start(show=show, by=show.host)


def test_reminders_go_out_once_shortly_before_the_start():
    soon = make_show(status=ShowStatus.SCHEDULED, starts_at=timezone.now() + timedelta(minutes=5))
    later = make_show(status=ShowStatus.SCHEDULED, starts_at=timezone.now() + timedelta(days=3))
    fan = UserFactory()
    Follow.objects.create(follower=fan, maker=soon.host)
    Follow.objects.create(follower=fan, maker=later.host)
    assert services.shows_remind_due() == 1
    assert services.shows_remind_due() == 0
    assert Notification.objects.filter(recipient=fan, kind="live_reminder").count() == 1


def test_pin_only_shelf_products_and_keep_the_timeline():
    show = make_show()
    shelf = [item.product for item in show.shelf.all()]
    with pytest.raises(ValidationError):
        services.show_pin(show=show, by=show.host, product=make_product())
    with pytest.raises(PermissionDenied):
        services.show_pin(show=show, by=UserFactory(), product=shelf[0])
    services.show_pin(show=show, by=show.host, product=shelf[0])
    services.show_pin(show=show, by=show.host, product=shelf[1])
    services.show_pin(show=show, by=show.host, product=None)
    assert list(PinEvent.objects.filter(show=show).values_list("product_id", flat=True)) == [
        shelf[0].pk,
        shelf[1].pk,
        None,
    ]
    assert LiveShow.objects.get(pk=show.pk).pinned_product_id is None


def test_pinning_needs_a_live_show():
    show = make_show(status=ShowStatus.SCHEDULED)
    with pytest.raises(ValidationError):
        services.show_pin(show=show, by=show.host, product=show.shelf.first().product)


@pytest.mark.parametrize("as_", [int, str])
def test_pinning_takes_a_product_never_an_id_or_a_string(as_):
    show = make_show()
    with pytest.raises(ValueError):
        services.show_pin(show=show, by=show.host, product=as_(show.shelf.first().product_id))
    assert PinEvent.objects.count() == 0
    assert LiveShow.objects.get(pk=show.pk).pinned_product_id is None


# --- chat ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "\u202eevil\u202c<svg onload=alert(1)>",
    ],
)
def test_chat_text_is_sanitised_like_comments(payload):
    show = make_show()
    viewer = _trusted(UserFactory())
    message = services.chat_post(show=show, author=viewer, text=payload)
    html = services.message_html(message)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "img", "svg", "iframe"])
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        assert "javascript:" not in str(tag.get("href", "")).lower()
    assert "\u202e" not in html


def test_chat_needs_a_verified_member_and_an_open_chat():
    show = make_show()
    with pytest.raises(PermissionDenied):
        services.chat_post(show=show, author=UserFactory(verified=False), text="hi")
    ended = make_show(status=ShowStatus.ENDED)
    with pytest.raises(ValidationError):
        services.chat_post(show=ended, author=UserFactory(), text="hi")
    with pytest.raises(ValidationError):
        services.chat_post(show=show, author=UserFactory(), text="   ")
    with pytest.raises(ValidationError):
        services.chat_post(show=show, author=UserFactory(), text="x" * 501)


def test_new_members_cannot_post_links():
    show = make_show()
    with pytest.raises(ValidationError):
        services.chat_post(show=show, author=UserFactory(), text="see https://spam.example")
    assert services.chat_post(show=show, author=_trusted(UserFactory()), text="see https://fine.example")


def test_chat_rate_limit(monkeypatch):
    monkeypatch.setattr(live_rules, "CHAT_RATE_LIMIT", 3)
    show = make_show()
    viewer = _trusted(UserFactory())
    for i in range(3):
        services.chat_post(show=show, author=viewer, text=f"message {i}")
    with pytest.raises(RateLimited):
        services.chat_post(show=show, author=viewer, text="one too many")
    assert ChatMessage.objects.filter(show=show).count() == 3


def test_slow_mode_allows_one_message_per_period_but_not_for_the_host():
    show = make_show(slow_mode_seconds=30)
    viewer = UserFactory()
    services.chat_post(show=show, author=viewer, text="first")
    with pytest.raises(RateLimited, match="Slow mode"):
        services.chat_post(show=show, author=viewer, text="second")
    services.chat_post(show=show, author=show.host, text="host one")
    services.chat_post(show=show, author=show.host, text="host two")


def test_timeout_silences_a_member_in_this_show_only():
    show = make_show()
    other = make_show()
    viewer = UserFactory()
    with pytest.raises(PermissionDenied):
        services.chat_timeout(show=show, member=viewer, by=UserFactory(), minutes=5)
    services.chat_timeout(show=show, member=viewer, by=show.host, minutes=5)
    with pytest.raises(PermissionDenied, match="paused"):
        services.chat_post(show=show, author=viewer, text="hello?")
    assert services.chat_post(show=other, author=viewer, text="elsewhere")
    with pytest.raises(ValidationError):
        services.chat_timeout(show=show, member=show.host, by=UserFactory(is_staff=True), minutes=5)


def test_host_removes_a_message_with_a_public_log_entry(django_capture_on_commit_callbacks):
    show = make_show()
    viewer = UserFactory()
    message = services.chat_post(show=show, author=viewer, text="rude words")
    with pytest.raises(PermissionDenied):
        services.chat_remove(message=message, by=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.chat_remove(message=message, by=show.host, reason="Not nice")
    message.refresh_from_db()
    assert message.moderation_removed
    assert "removed by moderation" in services.message_html(message)
    assert "rude words" not in services.message_html(message)
    entry = ModerationLogEntry.objects.get(member=viewer)
    assert entry.reason == "Not nice" and entry.moderator == show.host


def test_moderators_remove_in_any_show():
    show = make_show()
    moderator = UserFactory()
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_content"))
    moderator = type(moderator).objects.get(pk=moderator.pk)
    message = services.chat_post(show=show, author=UserFactory(), text="spam")
    services.chat_remove(message=message, by=moderator, reason="Spam")
    assert ChatMessage.objects.get(pk=message.pk).moderation_removed


def test_flags_hide_a_message_like_a_comment(django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(community_rules, "FLAG_HIDE_THRESHOLD", 1.0)
    show = make_show()
    message = services.chat_post(show=show, author=UserFactory(), text="buy followers cheap")
    flagger = _trusted(UserFactory(), level=2)
    with django_capture_on_commit_callbacks(execute=True):
        flag_create(flagger=flagger, target=message, reason=FlagReason.SPAM)
    message.refresh_from_db()
    assert message.hidden
    assert "buy followers" not in services.message_html(message)
