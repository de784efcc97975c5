import pytest
from django.test import override_settings

from accounts.models import Profile
from community import selectors, services
from tests.factories.community import UserFactory


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
    with override_settings(TRUST_L3_COMMENTS=3):
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
