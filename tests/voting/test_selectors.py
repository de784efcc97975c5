"""The contracts other apps rely on, and query counts that do not grow with votes."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from designs.models import DesignState
from tests.factories.designs import make_design
from tests.factories.voting import ChallengeFactory, VoterFactory, bulk_votes, spread
from voting import selectors, services
from voting.models import ChallengeEntry, Vote
from voting.ranking import scores_for

pytestmark = pytest.mark.django_db


def test_vote_summary_is_one_query_for_any_number_of_designs(django_assert_num_queries):
    designs = [make_design() for _ in range(5)]
    for d in designs[:3]:
        services.vote_cast(voter=VoterFactory(), design=d, score=4, would_buy=True)
    ids = [d.pk for d in designs]
    with django_assert_num_queries(1):
        summaries = selectors.vote_summary_for_designs(design_ids=ids)
    assert set(summaries) == set(ids)
    first = summaries[designs[0].pk]
    expected = scores_for(votes=1, score_sum=4, would_buy=1)
    assert (first.votes, first.would_buy, first.discounted, first.mean_score) == (1, 1, 0, 4.0)
    assert first.crowd_score == pytest.approx(expected.crowd_score)
    assert first.would_buy_share == 1.0
    empty = summaries[designs[4].pk]
    assert (empty.votes, empty.mean_score, empty.wilson_lower) == (0, None, 0.0)
    with pytest.raises(AttributeError):
        first.votes = 3  # frozen


def test_would_buy_supporter_ids_lists_counted_buyers_only():
    design = make_design()
    a, b, c = VoterFactory(), VoterFactory(), VoterFactory()
    services.vote_cast(voter=a, design=design, score=5, would_buy=True)
    services.vote_cast(voter=b, design=design, score=5, would_buy=False)
    Vote.objects.create(design=design, voter=c, score=5, would_buy=True, weight=0)
    assert selectors.would_buy_supporter_ids(design=design) == [a.pk]


def test_daily_votes_for_designs():
    d1, d2 = make_design(), make_design()
    today = timezone.localdate()
    now = timezone.now()
    voters = [VoterFactory() for _ in range(4)]
    Vote.objects.create(design=d1, voter=voters[0], score=3, created_at=now)
    Vote.objects.create(design=d2, voter=voters[1], score=3, created_at=now)
    Vote.objects.create(design=d1, voter=voters[2], score=3, created_at=now - timedelta(days=2))
    Vote.objects.create(design=d1, voter=voters[3], score=3, created_at=now - timedelta(days=20))
    result = selectors.daily_votes_for_designs(design_ids=[d1.pk, d2.pk], since=today - timedelta(days=7))
    assert sum(result.values()) == 3
    assert all(isinstance(k, date) for k in result)
    assert max(result.values()) == 2


def test_trending_ranks_by_this_weeks_votes(django_assert_max_num_queries):
    old_star, rising, private = make_design(title="Old"), make_design(title="Rising"), make_design(title="Hidden")
    private.state = DesignState.DRAFT
    private.save()
    long_ago = timezone.now() - timedelta(days=10)
    for vote in bulk_votes(old_star, spread(30, 150, 30), prefix="old"):
        vote.created_at = long_ago
        vote.save()
    bulk_votes(rising, spread(5, 20, 3), prefix="rise")
    bulk_votes(private, spread(5, 25, 5), prefix="priv")
    bulk_votes(old_star, spread(1, 1, 0), prefix="old2")
    with django_assert_max_num_queries(3):
        trending = selectors.trending_designs(limit=8)
        titles = [d.title for d in trending]
    assert titles == ["Rising", "Old"]
    assert trending[0].week_summary.votes == 5


def test_trending_query_count_does_not_grow_with_votes(django_assert_num_queries):
    designs = [make_design() for _ in range(3)]
    bulk_votes(designs[0], spread(2, 6, 1), prefix="a")
    with django_assert_num_queries(3):
        selectors.trending_designs()  # cold cache: the ranking query, designs, images
    for i, design in enumerate(designs):
        bulk_votes(design, spread(20, 60, 5), prefix=f"b{i}")
    with django_assert_num_queries(2):
        # Pages read the cached ranking (at most VOTING_TRENDING_CACHE_SECONDS old): no query over the votes.
        assert len(selectors.trending_designs()) == 1
    from voting.tasks import trending_refresh

    assert trending_refresh() == 3  # the periodic task brings the new votes in
    with django_assert_num_queries(2):
        assert len(selectors.trending_designs()) == 3


def test_challenges_open_includes_entry_and_voting_phases():
    now = timezone.now()
    voting = ChallengeFactory()
    entries = ChallengeFactory(
        submission_starts_at=now - timedelta(days=1),
        submission_ends_at=now + timedelta(days=1),
        voting_starts_at=now + timedelta(days=2),
        voting_ends_at=now + timedelta(days=5),
    )
    ChallengeFactory(voting_ends_at=now - timedelta(days=1), voting_starts_at=now - timedelta(days=3))
    ChallengeFactory(
        submission_starts_at=now + timedelta(days=1),
        submission_ends_at=now + timedelta(days=2),
        voting_starts_at=now + timedelta(days=3),
        voting_ends_at=now + timedelta(days=4),
    )
    assert {c.pk for c in selectors.challenges_open()} == {voting.pk, entries.pk}


def test_challenge_leaderboard_query_count_is_constant(django_assert_num_queries):
    challenge = ChallengeFactory()
    for _ in range(3):
        ChallengeEntry.objects.create(challenge=challenge, design=make_design())
    with django_assert_num_queries(2) as before:
        selectors.challenge_leaderboard(challenge=challenge)
    for entry in ChallengeEntry.objects.all():
        bulk_votes(entry.design, spread(15, 45, 4), prefix=f"lb{entry.pk}")
        ChallengeEntry.objects.create(challenge=challenge, design=make_design())
    services.votes_recount()
    with django_assert_num_queries(len(before.captured_queries)):
        board = selectors.challenge_leaderboard(challenge=challenge)
    assert len(board) == 6
    scores = [e.summary.crowd_score for e in board]
    assert scores == sorted(scores, reverse=True)
