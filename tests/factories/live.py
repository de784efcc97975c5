from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from accounts.models import Profile
from live.models import LiveShow, ShelfItem, ShowStatus
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product

_counter = itertools.count(1)


def make_maker(**kwargs):
    maker = UserFactory(**kwargs)
    Profile.objects.update_or_create(user=maker, defaults={"is_maker": True})
    maker.refresh_from_db()
    return maker


def make_show(*, host=None, status: str = ShowStatus.LIVE, products: int = 2, slow_mode_seconds: int = 0, **extra):
    n = next(_counter)
    host = host or make_maker()
    now = timezone.now()
    starts = extra.pop(
        "starts_at", now - timedelta(minutes=10) if status != ShowStatus.SCHEDULED else now + timedelta(days=1)
    )
    show = LiveShow.objects.create(
        host=host,
        title=extra.pop("title", f"Drop {n}"),
        slug=extra.pop("slug", f"drop-{n}"),
        starts_at=starts,
        ends_at=extra.pop("ends_at", starts + timedelta(hours=1)),
        status=status,
        started_at=starts if status != ShowStatus.SCHEDULED else None,
        slow_mode_seconds=slow_mode_seconds,
        **extra,
    )
    for position in range(products):
        ShelfItem.objects.create(show=show, product=make_product(maker=host), position=position)
    return show
