"""Challenge pages and the trending leaderboard."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.designs import make_design
from tests.factories.voting import ChallengeFactory, bulk_votes, spread
from voting import services
from voting.models import ChallengeEntry

pytestmark = pytest.mark.django_db


def test_challenge_list_groups_current_upcoming_and_past(client):
    now = timezone.now()
    ChallengeFactory(title="Running Now")
    ChallengeFactory(
        title="Coming Soon",
        submission_starts_at=now + timedelta(days=1),
        submission_ends_at=now + timedelta(days=2),
        voting_starts_at=now + timedelta(days=3),
        voting_ends_at=now + timedelta(days=4),
    )
    ChallengeFactory(
        title="Long Gone", voting_starts_at=now - timedelta(days=5), voting_ends_at=now - timedelta(days=1)
    )
    response = client.get("/challenges/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Current") < html.index("Running Now") < html.index("Upcoming")
    assert html.index("Upcoming") < html.index("Coming Soon") < html.index("Past") < html.index("Long Gone")


def test_challenge_list_is_in_the_navigation_and_german(client):
    ChallengeFactory(title="Running Now")
    html = client.get("/de/challenges/").content.decode()
    assert '<html lang="de">' in html
    assert 'href="/de/challenges/"' in html


def test_challenge_detail_shows_brief_entries_and_countdown(client, django_assert_max_num_queries):
    challenge = ChallengeFactory(title="Bold Type", brief="Make it **bold**.<script>alert(1)</script>")
    for i in range(3):
        design = make_design(title=f"Entry {i}")
        ChallengeEntry.objects.create(challenge=challenge, design=design)
        bulk_votes(design, spread(10 + i * 5, 30 + i * 20, i), prefix=f"p{i}")
    services.votes_recount()
    response = client.get(challenge.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>bold</strong>" in html and "<script>alert" not in html
    assert "Voting closes in" in html
    assert html.index("Entry 2") < html.index("Entry 1") < html.index("Entry 0")
    with django_assert_max_num_queries(8) as few:
        client.get(challenge.get_absolute_url())
    for i in range(3, 8):
        design = make_design(title=f"Entry {i}")
        ChallengeEntry.objects.create(challenge=challenge, design=design)
        bulk_votes(design, spread(12, 36, 2), prefix=f"q{i}")
    services.votes_recount()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(challenge.get_absolute_url())


def test_unknown_challenge_is_404(client):
    assert client.get("/challenges/nope/").status_code == 404


def test_trending_page(client):
    design = make_design(title="Hot Stuff")
    bulk_votes(design, spread(4, 16, 2))
    html = client.get("/trending/").content.decode()
    assert "Trending this week" in html and "Hot Stuff" in html
