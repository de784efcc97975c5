"""Follow and unfollow at the same moment, by one member: idempotent, never an IntegrityError 500.

Threads of this process, each with its own PostgreSQL connection, post follow and unfollow for
the same member and maker at once (a double click, two tabs). SQLite's in-memory test database is
one connection shared by every thread, so the race needs PostgreSQL (the SQLite file case runs in
test_sqlite_concurrency.py against gunicorn).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from community import services
from community.models import Follow
from tests.factories.voting import VoterFactory

pytestmark = [pytest.mark.security_category("concurrency"), pytest.mark.django_db(transaction=True)]

ROUNDS = 6
THREADS = 8


def _race(member, maker, actions: list[str]) -> list[int]:
    barrier = threading.Barrier(len(actions))

    def one(action: str) -> int:
        client = Client()
        client.force_login(member)
        barrier.wait()
        try:
            response = client.post(f"/members/{maker.handle}/follow/", {"action": action})
            return response.status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(actions)) as pool:
        return list(pool.map(one, actions))


def test_double_follow_and_unfollow_races_never_500(postgres_only):
    member = VoterFactory()
    maker = VoterFactory()
    statuses = []
    for round_ in range(ROUNDS):
        actions = ["follow"] * THREADS if round_ % 2 == 0 else ["follow", "unfollow"] * (THREADS // 2)
        statuses += _race(member, maker, actions)
        assert Follow.objects.filter(follower=member, maker=maker).count() <= 1
    assert set(statuses) == {302}, statuses
    # Whatever came last, one follow is one row and following again changes nothing.
    services.follow(follower=member, maker=maker)
    services.follow(follower=member, maker=maker)
    assert Follow.objects.filter(follower=member, maker=maker).count() == 1


def test_follow_survives_an_unfollow_between_its_insert_and_its_read(postgres_only):
    """The old path caught IntegrityError and read the row again, which the unfollow had just deleted."""
    member = VoterFactory()
    maker = VoterFactory()
    results = []
    for _ in range(ROUNDS):
        barrier = threading.Barrier(THREADS)

        def one(n: int, barrier=barrier) -> str:
            barrier.wait()
            try:
                if n % 2:
                    services.unfollow(follower=member, maker=maker)
                else:
                    services.follow(follower=member, maker=maker)
                return "ok"
            except Exception as exc:  # noqa: BLE001 - the test reports whatever escaped
                return type(exc).__name__
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            results += list(pool.map(one, range(THREADS)))
    assert set(results) == {"ok"}, results
