from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import User
from tests.factories.accounts import UserFactory
from voting.models import Challenge, Vote


class VoterFactory(UserFactory):
    """A member allowed to vote: verified, and old enough."""

    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    title = factory.Sequence(lambda n: f"Challenge {n}")
    slug = factory.Sequence(lambda n: f"challenge-{n}")
    brief = "Make something **bold**."
    submission_starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    submission_ends_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    voting_starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    voting_ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=5))


def bulk_votes(design, scores_and_buys, *, prefix: str = "bulk") -> list[Vote]:
    """Many counted votes at once (fresh voters), without the per-vote service; call votes_recount after."""
    start = User.objects.count()
    old = timezone.now() - timedelta(days=30)
    users = User.objects.bulk_create(
        [
            User(
                email=f"{prefix}{design.pk}-{start + i}@example.org",
                handle=f"{prefix}{design.pk}x{start + i}",
                date_joined=old,
            )
            for i in range(len(scores_and_buys))
        ]
    )
    return Vote.objects.bulk_create(
        [
            Vote(design=design, voter=user, score=score, would_buy=buy)
            for user, (score, buy) in zip(users, scores_and_buys, strict=True)
        ]
    )


def spread(n: int, total: int, k: int) -> list[tuple[int, bool]]:
    """n votes whose scores add up to `total` (each 0-5) and of which the first k would buy."""
    assert 0 <= total <= 5 * n
    base, extra = divmod(total, n) if n else (0, 0)
    scores = [base + (1 if i < extra else 0) for i in range(n)]
    return [(s, i < k) for i, s in enumerate(scores)]
