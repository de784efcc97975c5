"""Guest orders join the buyer's account once the buyer proves the email address is theirs."""

from __future__ import annotations

import logging

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from shop.models import Order

logger = logging.getLogger(__name__)


def guest_orders_attach(*, user: User, email: str) -> int:
    """Attach the guest orders placed with `email` to `user`, if that address is verified for this account.

    Returns how many orders were attached. An unverified address attaches nothing: anybody can type
    somebody else's email at sign-up, only its owner can confirm it.
    """
    email = (email or "").strip()
    if not email or not user.is_active:
        return 0
    verified = EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    if not verified:
        return 0
    with transaction.atomic():
        attached = Order.objects.filter(user__isnull=True, email__iexact=email).update(user=user)
    if attached:
        logger.info("Attached %s guest order(s) to member %s", attached, user.pk)
    return attached


def guest_orders_attach_all(*, user: User) -> int:
    """Every verified address of the member (at login)."""
    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return sum(guest_orders_attach(user=user, email=email) for email in emails)
