"""A member's live-drop chat messages and tips in the data download (core.privacy). Chat messages
stay after account deletion, like comments, as a deleted member's; tips are payments and stay."""

from __future__ import annotations

from core import privacy
from live.models import ChatMessage, LiveShow, Tip


def export_live(user) -> dict:
    return {
        "shows_hosted": list(LiveShow.objects.filter(host=user).order_by("starts_at").values("title", "starts_at")),
        "chat_messages": list(
            ChatMessage.objects.filter(author=user).order_by("created_at").values("show__title", "text", "created_at")
        ),
        "tips": list(
            Tip.objects.filter(tipper=user).order_by("created_at").values("show__title", "amount", "status", "paid_at")
        ),
    }


def register() -> None:
    privacy.register("live", exporter=export_live)
