"""A host's shows on the storefront: at most so many of each kind, in each kind's order, in one query."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from live import selectors
from live.models import ShowStatus
from tests.factories.live import make_maker, make_show

pytestmark = pytest.mark.django_db


@pytest.fixture
def host_with_shows():
    host = make_maker()
    now = timezone.now()
    live = make_show(host=host, products=0, title="On now")
    upcoming = [
        make_show(
            host=host, status=ShowStatus.SCHEDULED, products=0, starts_at=now + timedelta(days=d), title=f"In {d}"
        )
        for d in (3, 1, 2)
    ]
    make_show(  # scheduled, but its end has passed: never listed as upcoming
        host=host, status=ShowStatus.SCHEDULED, products=0, starts_at=now - timedelta(days=2), title="Missed"
    )
    past = []
    for d in (5, 1, 4, 2, 3):
        show = make_show(host=host, status=ShowStatus.ENDED, products=0, title=f"Ago {d}")
        show.ended_at = now - timedelta(days=d)
        show.save(update_fields=["ended_at"])
        past.append(show)
    make_show(status=ShowStatus.ENDED, products=0, title="Someone else's")
    return host, live, upcoming, past


def _titles(shows):
    return [show.title for show in shows]


def test_each_kind_is_limited_and_in_its_own_order(host_with_shows, django_assert_num_queries):
    host = host_with_shows[0]
    with django_assert_num_queries(1):
        now, upcoming, past = selectors.host_shows(host=host, now=3, upcoming=2, past=3)
    assert _titles(now) == ["On now"]
    assert _titles(upcoming) == ["In 1", "In 2"]
    assert _titles(past) == ["Ago 1", "Ago 2", "Ago 3"]


def test_row_numbers_pick_the_same_shows_as_the_union(host_with_shows):
    """The path SQLite takes (row numbers per kind) agrees with the union PostgreSQL takes."""
    host = host_with_shows[0]
    picked = selectors._host_shows_by_window(host=host, now=3, upcoming=2, past=3)
    assert sorted(_titles(picked)) == sorted(["On now", "In 1", "In 2", "Ago 1", "Ago 2", "Ago 3"])
