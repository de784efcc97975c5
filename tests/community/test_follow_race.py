"""Follow and unfollow racing each other on PostgreSQL, with the interleaving forced, not hoped for.

Two requests of one member (a double click, two tabs) each run in their own thread with their own
database connection. A hook on each connection holds every statement that writes a follow row
(`INSERT INTO community_follow`, `DELETE FROM community_follow`) until the other thread has reached
the same point, so both have read "not following yet" before either writes. That is exactly the
window in which a read-then-create follow hits the unique constraint and answers 500.

A random thread race (tests/security/test_follow_races.py) rarely lands in that window; this one
always does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from community import services
from community.models import Follow
from notifications.models import Notification
from tests.factories.voting import VoterFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WAIT = 10  # seconds: a thread that never reaches the write fails the test instead of hanging it
INSERT = 'INSERT INTO "COMMUNITY_FOLLOW"'
DELETE = 'DELETE FROM "COMMUNITY_FOLLOW"'


def _hold_writes(statement: str, barrier: threading.Barrier) -> Callable:
    """An execute wrapper that waits at `barrier` before the first SQL starting with `statement`
    (compared in upper case)."""
    held = False

    def wrapper(execute, sql, params, many, context):
        nonlocal held
        if not held and sql.lstrip().upper().startswith(statement):
            held = True
            barrier.wait(timeout=WAIT)
        return execute(sql, params, many, context)

    return wrapper


def _in_threads(jobs: list[Callable[[], object]], *, statement: str) -> list[object]:
    barrier = threading.Barrier(len(jobs))

    def run(job):
        try:
            with connection.execute_wrapper(_hold_writes(statement, barrier)):
                return job()
        except Exception as exc:  # noqa: BLE001 - the test reports whatever escaped
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def _post(member, maker, action: str) -> Callable[[], int]:
    def job() -> int:
        client = Client(raise_request_exception=False)
        client.force_login(member)
        return client.post(f"/members/{maker.handle}/follow/", {"action": action}).status_code

    return job


def test_two_follows_that_both_read_not_following_answer_302_and_store_one_row(postgres_only):
    member, maker = VoterFactory(), VoterFactory()
    statuses = _in_threads([_post(member, maker, "follow"), _post(member, maker, "follow")], statement=INSERT)
    assert statuses == [302, 302]
    assert Follow.objects.filter(follower=member, maker=maker).count() == 1
    # The maker hears about the new follower once, not once per click.
    assert Notification.objects.filter(recipient=maker, kind="new_follower").count() == 1


def test_the_service_itself_is_idempotent_when_both_calls_pass_the_check(postgres_only):
    member, maker = VoterFactory(), VoterFactory()

    def follow():
        return services.follow(follower=member, maker=maker).pk

    results = _in_threads([follow, follow], statement=INSERT)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results[0] == results[1] == Follow.objects.get(follower=member, maker=maker).pk


def test_two_unfollows_at_once_answer_302_and_leave_no_row(postgres_only):
    """Unfollow is one DELETE; the second one finds nothing and that is fine (passes on every version)."""
    member, maker = VoterFactory(), VoterFactory()
    services.follow(follower=member, maker=maker)
    statuses = _in_threads([_post(member, maker, "unfollow"), _post(member, maker, "unfollow")], statement=DELETE)
    assert statuses == [302, 302]
    assert not Follow.objects.filter(follower=member, maker=maker).exists()


def test_a_follow_whose_row_an_unfollow_deletes_before_it_reads_it_again(postgres_only):
    """Follow A and follow B both read "not following"; A inserts first, so B's insert hits the
    constraint; an unfollow deletes A's row before B reads it back. B must still end as following."""
    member, maker = VoterFactory(), VoterFactory()
    a_inserted = threading.Event()
    b_insert_done = threading.Event()
    unfollowed = threading.Event()
    both_read = threading.Barrier(2)

    def hooks(name: str):
        state = {"insert": False, "select_after": False}

        def wrapper(execute, sql, params, many, context):
            text = sql.lstrip().upper()
            if text.startswith(INSERT) and not state["insert"]:
                state["insert"] = True
                both_read.wait(timeout=WAIT)
                if name == "b":
                    assert a_inserted.wait(timeout=WAIT)
                    try:
                        return execute(sql, params, many, context)
                    finally:
                        # B's insert has failed on A's row: the unfollow goes now, before B reads again.
                        state["select_after"] = True
                        b_insert_done.set()
                return execute(sql, params, many, context)
            if name == "b" and state["select_after"] and text.startswith("SELECT"):
                state["select_after"] = False
                assert unfollowed.wait(timeout=WAIT)
            return execute(sql, params, many, context)

        return wrapper

    def follow(name: str):
        def job():
            try:
                with connection.execute_wrapper(hooks(name)):
                    services.follow(follower=member, maker=maker)
                if name == "a":
                    a_inserted.set()
                return "ok"
            except Exception as exc:  # noqa: BLE001
                return exc
            finally:
                connection.close()

        return job

    def unfollow():
        try:
            assert b_insert_done.wait(timeout=WAIT)
            services.unfollow(follower=member, maker=maker)
            unfollowed.set()
            return "ok"
        except Exception as exc:  # noqa: BLE001
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = [f.result() for f in [pool.submit(follow("a")), pool.submit(follow("b")), pool.submit(unfollow)]]
    assert results == ["ok", "ok", "ok"], results
    assert Follow.objects.filter(follower=member, maker=maker).count() == 1
