"""A member's first vote on a design in one statement (PostgreSQL): same rows, same counters, same rules."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from tests.factories.designs import make_design
from tests.factories.voting import VoterFactory
from voting import abuse, services
from voting import rules as voting_rules
from voting.models import DesignVoteStats, MilestoneReached, Vote
from voting.ranking import scores_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _needs_postgres(postgres_only, monkeypatch):
    monkeypatch.setattr(voting_rules, "RATE_LIMIT_PER_MINUTE", 10_000)


def _open_design(**extra):
    """A design in voting with its counter row (approval makes it)."""
    design = make_design(**extra)
    DesignVoteStats.objects.create(design=design)
    return design


def _counters(design):
    s = DesignVoteStats.objects.get(pk=design.pk)
    return (s.votes, s.score_sum, s.would_buy, s.discounted, s.bayesian_score, s.wilson_lower, s.crowd_score)


def _spy(monkeypatch) -> list:
    """Records what the one-statement path answered (a VoteCast, or None: the general path decided)."""
    answers = []
    real = services._cast_in_one_statement

    def spy(**kwargs):
        answers.append(real(**kwargs))
        return answers[-1]

    monkeypatch.setattr(services, "_cast_in_one_statement", spy)
    return answers


def test_a_first_vote_is_one_statement_and_answers_the_new_counters():
    design = _open_design()
    voter = VoterFactory()
    with CaptureQueriesContext(connection) as queries:
        cast = services.vote_cast_counted(voter=voter, design=design, score=4, would_buy=True, network="10.0.0.0/24")
    assert len(queries) == 1, [q["sql"] for q in queries]
    vote = Vote.objects.get(design=design, voter=voter)
    assert (vote.pk, vote.score, vote.would_buy, vote.weight, vote.network, vote.suspicious_reasons) == (
        cast.vote.pk,
        4,
        True,
        1,
        "10.0.0.0/24",
        [],
    )
    assert cast.vote.counted and not cast.milestone_reached
    assert _counters(design) == (
        cast.stats.votes,
        cast.stats.score_sum,
        cast.stats.would_buy,
        cast.stats.discounted,
        cast.stats.bayesian_score,
        cast.stats.wilson_lower,
        cast.stats.crowd_score,
    )
    assert _counters(design)[:4] == (1, 4, 1, 0)


def test_scores_are_the_python_formulas_to_the_last_bit_and_both_paths_store_the_same(settings, monkeypatch):
    one, general = _open_design(), _open_design()
    answers = _spy(monkeypatch)
    old = timezone.now() - timedelta(days=30)
    voters = User.objects.bulk_create(
        [User(email=f"same{i}@example.org", handle=f"same{i}", date_joined=old) for i in range(40)]
    )
    EmailAddress.objects.bulk_create([EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in voters])
    for i, voter in enumerate(voters):
        score, buy = (i * 7) % 6, i % 3 != 1
        settings.VOTING_CAST_ONE_STATEMENT = True
        services.vote_cast(voter=voter, design=one, score=score, would_buy=buy)
        settings.VOTING_CAST_ONE_STATEMENT = False
        services.vote_cast(voter=voter, design=general, score=score, would_buy=buy)
        counters = _counters(one)
        scores = scores_for(votes=counters[0], score_sum=counters[1], would_buy=counters[2])
        assert counters[4:] == (scores.bayesian_score, scores.wilson_lower, scores.crowd_score)
        assert counters == _counters(general)
    assert all(answer is not None for answer in answers[::2])  # every vote on `one` took one statement
    assert services.votes_recount(fix=False) == []


def test_everything_but_the_plain_first_vote_goes_the_general_way(monkeypatch):
    answers = _spy(monkeypatch)
    design = _open_design()
    voter = VoterFactory()
    services.vote_cast(voter=voter, design=design, score=2)
    services.vote_cast(voter=voter, design=design, score=5, would_buy=True)  # a change
    assert [a is not None for a in answers] == [True, False]
    assert _counters(design)[:4] == (1, 5, 1, 0)

    with pytest.raises(services.VoteRefused, match="your own design"):
        services.vote_cast(voter=design.maker, design=design, score=3)
    unverified = VoterFactory()
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    with pytest.raises(services.VoteRefused, match="confirm your email"):
        services.vote_cast(voter=unverified, design=design, score=3)
    closed = _open_design(voting_ends_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(services.VoteRefused, match="closed"):
        services.vote_cast(voter=voter, design=closed, score=3)
    young = VoterFactory(date_joined=timezone.now() - timedelta(hours=30))  # may vote, anti-abuse rules apply
    services.vote_cast(voter=young, design=design, score=1)
    no_counters = make_design()  # no counter row yet: the general path makes it
    services.vote_cast(voter=voter, design=no_counters, score=3)
    assert _counters(no_counters)[:4] == (1, 3, 0, 0)
    assert [a is not None for a in answers[2:]] == [False, False, False, False, False]
    assert services.votes_recount(fix=False) == []


def test_a_burst_and_a_milestone_are_left_to_the_general_path(monkeypatch):
    monkeypatch.setattr(voting_rules, "BURST_VOTES", 3)
    monkeypatch.setattr(voting_rules, "MILESTONES", ((2, 14), (4, 60)))
    answers = _spy(monkeypatch)
    design = _open_design()
    for _ in range(3):
        services.vote_cast(voter=VoterFactory(), design=design, score=4, network="192.0.2.0/24")
    assert [a is not None for a in answers] == [True, True, False]
    assert Vote.objects.filter(design=design, weight=0).count() == 3  # the whole burst held back
    assert [v.suspicious_reasons for v in Vote.objects.filter(design=design)] == [[abuse.NETWORK_BURST]] * 3
    assert _counters(design)[:4] == (0, 0, 0, 3)

    other = _open_design()
    cast = [services.vote_cast_counted(voter=VoterFactory(), design=other, score=5, would_buy=True) for _ in range(2)]
    assert [c.milestone_reached for c in cast] == [False, True]
    assert list(MilestoneReached.objects.filter(design=other).values_list("supporters", flat=True)) == [2]
    assert answers[3] is not None and answers[4] is None
    assert services.votes_recount(fix=False) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_first_votes_changes_and_repeats_at_once_leave_one_vote_each_and_exact_counters(monkeypatch):
    """Threads cast members' first votes (one statement) next to changes and removals of the same
    votes (the general path) on the same designs: one vote per member and design, counters equal
    to a recount."""
    answers = _spy(monkeypatch)
    designs = [_open_design() for _ in range(3)]
    old = timezone.now() - timedelta(days=30)
    voters = User.objects.bulk_create(
        [User(email=f"rush{i}@example.org", handle=f"rush{i}", date_joined=old) for i in range(40)]
    )
    EmailAddress.objects.bulk_create([EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in voters])
    jobs = [(voter, design, n) for voter in voters for design in designs for n in range(3)]
    workers = 16
    barrier = threading.Barrier(workers)
    errors = []

    def run(index):
        voter, design, n = jobs[index]
        if index < workers:
            barrier.wait(timeout=30)
        try:
            if n == 2 and voter.pk % 5 == 0:
                services.vote_remove(voter=voter, design=design)
            else:
                services.vote_cast(voter=voter, design=design, score=(voter.pk + n) % 6, would_buy=n == 1)
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(run, range(len(jobs))))
    assert errors == []
    assert any(answer is not None for answer in answers)
    for design in designs:
        voter_ids = list(Vote.objects.filter(design=design).values_list("voter_id", flat=True))
        assert len(voter_ids) == len(set(voter_ids))
    assert services.votes_recount(fix=False) == []
