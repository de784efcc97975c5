"""In-app notifications with email. Other apps call notify(); the only way in.

Each notification kind belongs to a group a member can set to "immediately",
"daily digest" or "off" at /account/notifications/. Every email carries a signed
unsubscribe link that works without logging in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.models import Profile, User
from core.i18n import path_in_language
from core.membercache import member_value_drop
from core.sites import absolute_url, site_url
from notifications.models import Delivery, EmailState, Notification, NotificationPreference
from notifications.selectors import UNREAD_CACHE

# Groups members choose a delivery for: key -> (label, default delivery).
NOTIFICATION_GROUPS: dict[str, tuple[str, str]] = {
    "comment_reply": (gettext_lazy("Replies in conversations you follow"), Delivery.IMMEDIATELY),
    "comment": (gettext_lazy("Comments on your designs and products"), Delivery.IMMEDIATELY),
    "followed_maker": (gettext_lazy("New work from makers you follow"), Delivery.DIGEST),
    "new_follower": (gettext_lazy("New followers"), Delivery.DIGEST),
    "live": (gettext_lazy("Live drops of makers you follow"), Delivery.IMMEDIATELY),
    "design": (gettext_lazy("News about your designs"), Delivery.IMMEDIATELY),
    "moderation": (gettext_lazy("Moderation decisions about your content"), Delivery.IMMEDIATELY),
    "other": (gettext_lazy("Everything else"), Delivery.IMMEDIATELY),
}
# Unchanged since the module lived in community: links in emails already sent keep working.
UNSUBSCRIBE_SALT = "community.notifications.unsubscribe"
ALL_GROUPS = "all"


def group_of(kind: str) -> str:
    """design_approved -> design; unknown kinds fall into "other"."""
    if kind in NOTIFICATION_GROUPS:
        return kind
    prefix = kind.split("_", 1)[0]
    return prefix if prefix in NOTIFICATION_GROUPS else "other"


def delivery_for(*, user: User, kind: str) -> str:
    group = group_of(kind)
    chosen = NotificationPreference.objects.filter(user=user, kind=group).values_list("delivery", flat=True).first()
    return chosen or NOTIFICATION_GROUPS[group][1]


def unsubscribe_token(*, user: User, group: str) -> str:
    return signing.dumps({"u": user.pk, "g": group}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """Raises signing.BadSignature for anything not signed by us."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    group = data.get("g")
    if group != ALL_GROUPS and group not in NOTIFICATION_GROUPS:
        raise signing.BadSignature("unknown notification group")
    return int(data["u"]), group


def unsubscribe_url(*, user: User, group: str) -> str:
    with translation.override(language_of(user)):
        path = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user=user, group=group)})
    return absolute_url(path)


def language_of(user: User) -> str:
    """The member's chosen language (profile), else the site's default language."""
    language = Profile.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
    return language or settings.LANGUAGE_CODE


Text = str | Callable[[], str]


def _in_language(text: Text, language: str) -> str:
    """Texts are written in the recipient's language: pass a callable (or a lazy string) to be translated
    for them, e.g. ``title=lambda: _("%(name)s follows you now") % {"name": name}``."""
    if callable(text):
        with translation.override(language):
            return str(text())
    if isinstance(text, Promise):
        with translation.override(language):
            return str(text)
    return text


def notify(
    *, recipient: User, kind: str, title: Text, body: Text = "", url: str = "", send_email: bool = True
) -> Notification:
    """Store a notification; email it on commit, keep it for the digest, or not at all, as the member chose.

    `title` and `body` may be callables (or lazy strings): they are then rendered in the recipient's language.
    """
    language = language_of(recipient)
    title, body = _in_language(title, language)[:200], _in_language(body, language)
    delivery = delivery_for(user=recipient, kind=kind) if (send_email and recipient.email) else Delivery.OFF
    state = {
        Delivery.IMMEDIATELY: EmailState.SENT,
        Delivery.DIGEST: EmailState.DIGEST,
        Delivery.OFF: EmailState.NONE,
    }[delivery]
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=title, body=body, url=url, email_state=state
    )
    if delivery == Delivery.IMMEDIATELY:
        transaction.on_commit(lambda: _queue_email(notification.pk))
    from notifications.webpush import push_wanted

    if push_wanted(notification) and recipient.push_subscriptions.exists():
        transaction.on_commit(lambda: _queue_push(notification.pk))
    return notification


def _queue_push(notification_id: int) -> None:
    from notifications.tasks import send_push_notification

    send_push_notification.delay(notification_id)


def _queue_email(notification_id: int) -> None:
    from notifications.tasks import send_notification_email

    send_notification_email.delay(notification_id)


def _absolute(url: str) -> str:
    return absolute_url(url)


def _send(*, user: User, subject: str, template: str, context: dict, group: str) -> None:
    link = unsubscribe_url(user=user, group=group)
    context = {**context, "user": user, "unsubscribe_url": link, "site_url": site_url()}
    message = EmailMessage(
        subject=f"[Commonmade] {subject}",
        body=render_to_string(template, context),
        to=[user.email],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.send(fail_silently=True)


def email_notification(*, notification: Notification) -> None:
    user = notification.recipient
    with translation.override(language_of(user)):
        _send(
            user=user,
            subject=notification.title,
            template="notifications/email/notification.txt",
            context={
                "notification": notification,
                "link": _absolute(path_in_language(notification.url, get_language())),
            },
            group=group_of(notification.kind),
        )


def send_daily_digests() -> int:
    """One email per member with everything waiting for the digest; returns the number of emails."""
    waiting = (
        Notification.objects.filter(email_state=EmailState.DIGEST)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in waiting:
        by_user[notification.recipient_id].append(notification)
    sent = 0
    for items in by_user.values():
        user = items[0].recipient
        ids = [item.pk for item in items]
        # Claim the rows first so a parallel run cannot send the same digest twice.
        claimed = Notification.objects.filter(pk__in=ids, email_state=EmailState.DIGEST).update(
            email_state=EmailState.SENT
        )
        if not claimed:
            continue
        with translation.override(language_of(user)):
            entries = [
                {"notification": item, "link": _absolute(path_in_language(item.url, get_language()))} for item in items
            ]
            _send(
                user=user,
                subject=_("Your daily summary (%(count)s)") % {"count": len(items)},
                template="notifications/email/digest.txt",
                context={"entries": entries},
                group=ALL_GROUPS,
            )
        sent += 1
    return sent


# --- preferences ------------------------------------------------------------------------


def notification_preferences_set(*, user: User, choices: dict[str, str]) -> None:
    for group, delivery in choices.items():
        if group not in NOTIFICATION_GROUPS or delivery not in Delivery.values:
            raise ValidationError(_("Unknown notification setting."))
    with transaction.atomic():
        for group, delivery in choices.items():
            NotificationPreference.objects.update_or_create(user=user, kind=group, defaults={"delivery": delivery})


def notifications_unsubscribe(*, user: User, group: str) -> None:
    groups = list(NOTIFICATION_GROUPS) if group == "all" else [group]
    notification_preferences_set(user=user, choices=dict.fromkeys(groups, Delivery.OFF))


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    marked = unread.update(read_at=timezone.now())  # a bulk update sends no post_save: drop the count here
    member_value_drop(UNREAD_CACHE, user.pk)
    return marked
