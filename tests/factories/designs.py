"""A small design helper; images are optional for tests that upload nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from designs.models import Category, Design, DesignState
from tests.factories.community import UserFactory

_counter = {"n": 0}


def make_design(*, maker=None, title: str | None = None, state: str = DesignState.APPROVED, category="poster", **extra):
    _counter["n"] += 1
    n = _counter["n"]
    maker = maker or UserFactory()
    if isinstance(category, str):
        category = Category.objects.get(slug=category)
    if state == DesignState.APPROVED:
        now = timezone.now()
        extra.setdefault("voting_starts_at", now - timedelta(hours=1))
        extra.setdefault("voting_ends_at", now + timedelta(days=7))
        extra.setdefault("approved_at", now - timedelta(hours=1))
    title = title or f"Design {n}"
    return Design.objects.create(
        maker=maker,
        title=title,
        slug=f"{title.lower().replace(' ', '-')}-{n}",
        category=category,
        rights_confirmed=True,
        state=state,
        **extra,
    )
