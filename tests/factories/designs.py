from __future__ import annotations

import itertools

from designs.models import Category, Design, DesignState
from tests.factories.community import UserFactory

_counter = itertools.count(1)


def make_design(*, maker=None, state: str = DesignState.SELECTED, title: str | None = None) -> Design:
    n = next(_counter)
    title = title or f"Design {n}"
    return Design.objects.create(
        maker=maker or UserFactory(),
        title=title,
        slug=f"design-{n}-{title.lower().replace(' ', '-')}"[:140],
        category=Category.objects.get(slug="poster"),
        rights_confirmed=True,
        state=state,
    )
