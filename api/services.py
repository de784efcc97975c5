"""Personal access tokens: make, revoke, and check one presented with a request."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from api import rules as api_rules
from api.models import PersonalAccessToken
from core.markup import clean_text

TOKEN_PREFIX = "cm_pat_"  # noqa: S105 (a public marker, not a secret)
# Writing "last used" on every request would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash(raw: str) -> str:
    # The token has 256 random bits: a plain SHA-256 cannot be reversed, and it survives a SECRET_KEY change.
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(*, user: User, name: str) -> tuple[PersonalAccessToken, str]:
    """A new token for the member; returns the stored record and the token, which is never shown again."""
    name = clean_text(name or "").strip()[:80]
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the app that will use it.")})
    if PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).count() >= api_rules.TOKENS_PER_MEMBER:
        raise ValidationError(
            _("You have %(n)s tokens already. Revoke one you no longer use first.") % {"n": api_rules.TOKENS_PER_MEMBER}
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalAccessToken.objects.create(
        user=user, name=name, prefix=raw[: len(TOKEN_PREFIX) + 6], token_hash=_hash(raw)
    )
    return token, raw


def token_revoke(*, user: User, token_id: int) -> bool:
    """Revoke one of the member's own tokens; False when there is no such token of theirs."""
    return bool(
        PersonalAccessToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def token_authenticate(*, raw: str) -> User | None:
    """The active member a presented token belongs to, or None (unknown, revoked, or the member is inactive)."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200 or "\x00" in raw:
        return None
    token = (
        PersonalAccessToken.objects.select_related("user")
        .filter(token_hash=_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- Idempotency-Key for placing an order --------------------------------------------------------

IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"  # visible ASCII, as RFC 9110 header values allow
CHECKOUT_TOKEN_PREFIX = "api-"  # noqa: S105 (a marker, not a secret). The shop's checkout tokens from the site are URL-safe base64 without it


def checkout_token_for(*, user: User, key: str) -> str:
    """The shop's one-time checkout token for a member's Idempotency-Key: one order per key and member.

    Hashed with the member's id, so two members (or a member and a checkout form) never share a token.
    """
    digest = hashlib.sha256(f"{user.pk}:{key}".encode()).hexdigest()
    return CHECKOUT_TOKEN_PREFIX + digest[:60]


def idempotent_replay_check(*, order, address) -> None:
    """A retry with the same key must ask for the same order: another delivery address is a 409."""
    if address is None:
        return
    same = (
        order.shipping_country == address.country
        and order.shipping_postcode == address.postcode
        and order.shipping_line1 == address.line1
        and order.shipping_name == address.name
    )
    if not same:
        raise ValidationError(
            _(
                "This Idempotency-Key was already used for order %(number)s with another address. "
                "Use a new key for a new order."
            )
            % {"number": order.number},
            code="idempotency_mismatch",
        )
