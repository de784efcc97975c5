"""A member's votes in the data download. Votes stay after account deletion as anonymous counts."""

from __future__ import annotations

from core import privacy
from voting.models import Vote


def export_votes(user) -> list[dict]:
    return [
        {"design": v.design.slug, "score": v.score, "would_buy": v.would_buy, "created": v.created_at}
        for v in Vote.objects.filter(voter=user).select_related("design").order_by("created_at", "pk")
    ]


def erase_votes(user) -> None:
    """Votes keep counting (scores already published rest on them); the network they came from goes."""
    Vote.objects.filter(voter=user).update(network="")


def register() -> None:
    privacy.register("votes", exporter=export_votes, eraser=erase_votes)
