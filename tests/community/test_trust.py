from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Profile
from community import rules as community_rules
from community import selectors, services
from tests.factories.accounts import UserFactory


def test_levels_are_earned_from_email_days_votes_comments_purchases(design, maker):
    user = UserFactory(verified=False)
    Profile.objects.filter(user=user).update(days_visited=50, votes_cast=500, purchases=3)
    assert services.trust_recompute(user=user) == 0  # no verified email, no trust
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    Profile.objects.filter(user=user).update(days_visited=1, votes_cast=0, purchases=0)
    assert services.trust_recompute(user=user) == 0
    Profile.objects.filter(user=user).update(days_visited=2)
    assert services.trust_recompute(user=user) == 1
    Profile.objects.filter(user=user).update(days_visited=10, votes_cast=20)
    assert services.trust_recompute(user=user) == 1  # needs comments too
    for i in range(3):
        services.comment_post(author=user, target=design, text=f"thought {i}")
    assert selectors.trust_level(user=user) == 2
    Profile.objects.filter(user=user).update(days_visited=40, votes_cast=99, purchases=1)
    assert services.trust_recompute(user=user) == 2
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(community_rules, "TRUST_L3_COMMENTS", 3)
        services.trust_record(user=user, event="vote")
        assert selectors.trust_level(user=user) == 3


def test_trust_record_counts_votes_and_purchases_and_refuses_unknown_events(member):
    services.trust_record(user=member, event="vote")
    services.trust_record(user=member, event="vote")
    services.trust_record(user=member, event="purchase")
    profile = Profile.objects.get(user=member)
    assert (profile.votes_cast, profile.purchases) == (2, 1)
    with pytest.raises(ValueError):
        services.trust_record(user=member, event="like")


def test_visits_are_counted_once_per_day_with_one_write(client, db):
    user = UserFactory()
    client.force_login(user)
    client.get("/moderation/")
    client.get("/moderation/")
    client.get("/moderation/")
    profile = Profile.objects.get(user=user)
    assert profile.days_visited == 1
    # Later requests on the same day touch neither the profile nor the trust level.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get("/moderation/")
    assert not [q for q in captured.captured_queries if "community_profile" in q["sql"]]


def test_second_day_of_visits_earns_trust_level_one(client, db):
    user = UserFactory()
    Profile.objects.filter(user=user).update(days_visited=1, last_visit_on="2000-01-01")
    client.force_login(user)
    client.get("/moderation/")
    assert selectors.trust_level(user=user) == 1


@pytest.fixture
def redis_buffer(settings):
    """The buffer lives in Redis: the cache is the real one for these tests (the suite's is in memory)."""
    from tests.conftest import redis_url

    if not redis_url():
        pytest.skip("needs Redis: run with REDIS_URL=redis://... (CI does)")
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "core.cache.FallbackRedisCache", "LOCATION": redis_url()},
    }
    settings.TRUST_COUNTERS_BUFFERED = True
    from core.cache import raw_redis_client

    raw_redis_client().delete(services.TRUST_PENDING_KEY)
    yield
    raw_redis_client().delete(services.TRUST_PENDING_KEY)


def test_buffered_votes_reach_the_profile_once_at_the_flush(member, redis_buffer):
    services.trust_record_later(user_id=member.pk, event="vote")
    services.trust_record_later(user_id=member.pk, event="vote")
    assert Profile.objects.get(user=member).votes_cast == 0  # buffered: no profile write per vote
    assert services.trust_counters_flush() == 1
    assert Profile.objects.get(user=member).votes_cast == 2
    assert services.trust_counters_flush() == 0  # nothing counted twice
    assert Profile.objects.get(user=member).votes_cast == 2


def test_without_the_buffer_a_vote_counts_at_once(member, settings):
    settings.TRUST_COUNTERS_BUFFERED = False
    services.trust_record_later(user_id=member.pk, event="vote")
    assert Profile.objects.get(user=member).votes_cast == 1


def test_a_vote_is_counted_toward_trust_through_the_buffer(member, redis_buffer, django_capture_on_commit_callbacks):
    from tests.factories.designs import make_design
    from voting.services import vote_cast

    old = timezone.now() - timedelta(days=30)
    type(member).objects.filter(pk=member.pk).update(date_joined=old)
    member.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(voter=member, design=make_design(), score=4)
    assert Profile.objects.get(user=member).votes_cast == 0
    services.trust_counters_flush()
    assert Profile.objects.get(user=member).votes_cast == 1
