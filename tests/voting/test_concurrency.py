"""Exact under load, on PostgreSQL: real threads, real connections, real row locks."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.utils import timezone

from accounts.models import User
from tests.factories.designs import make_design
from tests.factories.voting import VoterFactory
from voting import rules as voting_rules
from voting import services
from voting.models import DesignVoteStats, Vote

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _in_thread(fn):
    def run(*args):
        try:
            return fn(*args)
        finally:
            connection.close()

    return run


def test_50_threads_casting_one_members_vote_store_exactly_one(postgres_only, monkeypatch):
    monkeypatch.setattr(voting_rules, "RATE_LIMIT_PER_MINUTE", 10_000)
    design = make_design()
    voter = VoterFactory()
    barrier = threading.Barrier(50)
    errors = []

    @_in_thread
    def cast(i):
        barrier.wait(timeout=30)
        try:
            services.vote_cast(voter=voter, design=design, score=i % 6, would_buy=bool(i % 2))
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=cast, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert Vote.objects.filter(design=design, voter=voter).count() == 1
    stats = DesignVoteStats.objects.get(pk=design.pk)
    vote = Vote.objects.get()
    assert (stats.votes, stats.score_sum, stats.would_buy) == (1, vote.score, int(vote.would_buy))
    assert services.votes_recount(fix=False) == []


def test_200_members_voting_at_once_leave_counters_equal_to_a_recount(postgres_only, monkeypatch):
    monkeypatch.setattr(voting_rules, "RATE_LIMIT_PER_MINUTE", 10_000)
    design = make_design()
    old = timezone.now() - timedelta(days=30)
    voters = User.objects.bulk_create(
        [User(email=f"crowd{i}@example.org", handle=f"crowd{i}", date_joined=old) for i in range(200)]
    )
    EmailAddress.objects.bulk_create([EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in voters])
    workers = 32
    barrier = threading.Barrier(workers)
    errors = []

    @_in_thread
    def vote(i):
        if i < workers:
            barrier.wait(timeout=30)
        try:
            voter = voters[i]
            services.vote_cast(voter=voter, design=design, score=i % 6, would_buy=i % 3 == 0)
            if i % 10 == 0:  # some change their minds, some take the vote back
                services.vote_cast(voter=voter, design=design, score=5, would_buy=True)
            if i % 25 == 1:
                services.vote_remove(voter=voter, design=design)
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(vote, range(200)))
    assert errors == []

    expected_votes = expected_sum = expected_buy = 0
    for i in range(200):
        if i % 25 == 1:
            continue
        score, buy = (5, True) if i % 10 == 0 else (i % 6, i % 3 == 0)
        expected_votes += 1
        expected_sum += score
        expected_buy += int(buy)
    stats = DesignVoteStats.objects.get(pk=design.pk)
    assert (stats.votes, stats.score_sum, stats.would_buy, stats.discounted) == (
        expected_votes,
        expected_sum,
        expected_buy,
        0,
    )
    assert Vote.objects.filter(design=design).count() == expected_votes
    assert services.votes_recount(fix=False) == []
