"""A member's API access tokens in the data download (names and dates, never the secret); deleted
with the account (core.privacy)."""

from __future__ import annotations

from api.models import PersonalAccessToken
from core import privacy


def export_tokens(user) -> list[dict]:
    return list(
        PersonalAccessToken.objects.filter(user=user)
        .order_by("created_at")
        .values("name", "prefix", "created_at", "last_used_at", "revoked_at")
    )


def erase_tokens(user) -> None:
    PersonalAccessToken.objects.filter(user=user).delete()


def register() -> None:
    privacy.register("api_tokens", exporter=export_tokens, eraser=erase_tokens)
