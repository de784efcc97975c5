"""Web Push (RFC 8030/8291/8292) for members who allow it in their browser: pywebpush with VAPID keys from
the environment (WEBPUSH_VAPID_PUBLIC_KEY, WEBPUSH_VAPID_PRIVATE_KEY, WEBPUSH_VAPID_SUBJECT). Without keys
the feature is hidden: no button, the subscription endpoints answer 404 and nothing is sent.

The site only ever POSTs to push services it knows (WEBPUSH_ALLOWED_HOSTS, https), so a subscription
cannot make the server call an address of the subscriber's choosing.
"""

from __future__ import annotations

import base64
import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from notifications import rules as notification_rules
from notifications.models import Notification, PushSubscription

logger = logging.getLogger(__name__)


def push_enabled() -> bool:
    return bool(settings.WEBPUSH_VAPID_PUBLIC_KEY and settings.WEBPUSH_VAPID_PRIVATE_KEY)


def _host_allowed(endpoint: str) -> bool:
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" and not (settings.WEBPUSH_ALLOW_HTTP and parts.scheme == "http"):
        return False
    return any(host == allowed or host.endswith("." + allowed) for allowed in settings.WEBPUSH_ALLOWED_HOSTS)


def _b64_key(value, *, length: int, name: str) -> str:
    value = str(value or "").strip()
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (ValueError, TypeError):
        raw = b""
    if len(raw) != length:
        raise ValidationError(_("The browser sent an invalid push subscription (%(name)s).") % {"name": name})
    return value


def push_subscribe(*, user: User, data: dict) -> PushSubscription:
    """Save the subscription a browser made (PushSubscription.toJSON()); the same endpoint moves to this member."""
    if not push_enabled():
        raise ValidationError(_("Push notifications are not available on this site."))
    endpoint = str((data or {}).get("endpoint") or "")
    keys = (data or {}).get("keys") or {}
    if not isinstance(keys, dict) or len(endpoint) > 800 or not _host_allowed(endpoint):
        raise ValidationError(_("This push service is not supported."))
    p256dh = _b64_key(keys.get("p256dh"), length=65, name="p256dh")
    auth = _b64_key(keys.get("auth"), length=16, name="auth")
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"user": user, "p256dh": p256dh, "auth": auth}
    )
    return subscription


def push_unsubscribe(*, user: User, endpoint: str) -> int:
    return PushSubscription.objects.filter(user=user, endpoint=str(endpoint or "")).delete()[0]


def push_payload(notification: Notification) -> dict:
    """What the service worker shows: title, text and the page to open (absolute)."""
    url = notification.url or "/"
    return {
        "title": notification.title[:120],
        "body": notification.body[:300],
        "url": f"{settings.SITE_URL}{url}" if url.startswith("/") else url,
        "tag": f"{notification.kind}-{notification.pk}",
    }


def push_wanted(notification: Notification) -> bool:
    return push_enabled() and notification.kind in notification_rules.WEBPUSH_NOTIFICATION_KINDS


def push_send(*, notification_id: int) -> int:
    """Send one notification to every browser of its recipient; gone subscriptions (404/410) are dropped."""
    from pywebpush import WebPushException, webpush

    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or not push_wanted(notification):
        return 0
    data = json.dumps(push_payload(notification))
    sent = 0
    for subscription in PushSubscription.objects.filter(user=notification.recipient):
        try:
            webpush(
                subscription_info={
                    "endpoint": subscription.endpoint,
                    "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
                },
                data=data,
                vapid_private_key=settings.WEBPUSH_VAPID_PRIVATE_KEY,
                vapid_claims={"sub": settings.WEBPUSH_VAPID_SUBJECT},
                ttl=settings.WEBPUSH_TTL_SECONDS,
                timeout=5,
            )
            sent += 1
        except WebPushException as exc:
            status = getattr(exc.response, "status_code", None)
            if status in (404, 410):
                subscription.delete()
            else:
                logger.warning("web push to %s failed: %s", subscription.pk, exc)
        except Exception as exc:  # noqa: BLE001 (a push service that is down must not fail the caller)
            logger.warning("web push to %s failed: %s: %s", subscription.pk, type(exc).__name__, exc)
    return sent
