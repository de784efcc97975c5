"""Referral attribution: a link with ?ref=<handle> remembers who shared it, in a signed cookie.

The cookie is not strictly necessary, so it is set only once the visitor consented (core/consent.py:
the banner on a ?ref= page; after "Accept" the page is loaded again with its ?ref= and the cookie set).

The cookie holds the referrer's id and is only trusted for REFERRAL_DAYS (the signature carries its
age). The shop asks `referrer_from_request` when an order is placed; makers pays the commission.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from accounts.models import User
from core import consent
from shop import rules as shop_rules

COOKIE = "cm_ref"
SALT = "commonmade.referral"
PARAM = "ref"


def _max_age() -> int:
    return shop_rules.REFERRAL_DAYS * 24 * 3600


def referrer_by_handle(handle: str) -> User | None:
    handle = (handle or "").strip().lstrip("@")[:150]
    if not handle:
        return None
    return User.objects.filter(handle__iexact=handle, is_active=True).first()


def referrer_from_request(request) -> User | None:
    """The member whose link brought this visitor here within REFERRAL_DAYS; never the visitor themself."""
    try:
        raw = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=_max_age())
    except signing.BadSignature:
        return None
    if not raw or not str(raw).isdigit():
        return None
    referrer = User.objects.filter(pk=int(raw), is_active=True).first()
    user = getattr(request, "user", None)
    if referrer is None or (user is not None and user.is_authenticated and user.pk == referrer.pk):
        return None
    return referrer


class ReferralMiddleware:
    """Stores the referrer of a ?ref=<handle> link; unknown handles and self-referrals are ignored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        handle = request.GET.get(PARAM) if request.method in ("GET", "HEAD") else None
        # Not strictly necessary (§ 25 TTDDG): only after the visitor accepted it (core/consent.py).
        if handle and response.status_code < 400 and consent.given(request):
            referrer = referrer_by_handle(handle)
            user = getattr(request, "user", None)
            is_self = user is not None and user.is_authenticated and referrer is not None and user.pk == referrer.pk
            if referrer is not None and not is_self:
                response.set_signed_cookie(
                    COOKIE,
                    str(referrer.pk),
                    salt=SALT,
                    max_age=_max_age(),
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response
