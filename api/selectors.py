"""Reads for the API's own data: a member's access tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from api.models import PersonalAccessToken


def tokens_of(*, user: User) -> QuerySet[PersonalAccessToken]:
    """A member's tokens that still work, newest first."""
    return PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at", "-id")
