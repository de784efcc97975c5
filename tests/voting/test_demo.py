import pytest
from django.core.management import call_command

from designs.models import Design, DesignState
from voting import selectors
from voting.models import Challenge, ChallengeEntry, Vote

pytestmark = pytest.mark.django_db


def test_seed_voting_is_idempotent_and_shows_scores(client):
    call_command("seed_demo", "--no-progress", "--force")
    counts = (Challenge.objects.count(), ChallengeEntry.objects.count(), Vote.objects.count(), Design.objects.count())
    call_command("seed_demo", "--no-progress", "--force")
    assert (
        Challenge.objects.count(),
        ChallengeEntry.objects.count(),
        Vote.objects.count(),
        Design.objects.count(),
    ) == counts
    open_challenge = Challenge.objects.get(slug="bold-type")
    assert open_challenge.state == "voting"
    assert {c.slug for c in selectors.challenges_open()} >= {"bold-type"}
    board = selectors.challenge_leaderboard(challenge=open_challenge)
    assert len(board) == 4 and all(e.summary.votes > 0 for e in board)
    assert Design.objects.get(slug="winter-owls").state == DesignState.SELECTED
    assert selectors.would_buy_supporter_ids(design=Design.objects.get(slug="winter-owls"))
    assert selectors.trending_designs()
    assert services_recount_is_clean()
    assert client.get("/challenges/bold-type/").status_code == 200
    assert client.get("/challenges/winter-prints/").status_code == 200


def services_recount_is_clean():
    from voting.services import votes_recount

    return votes_recount(fix=False) == []


def test_demo_member_can_vote_and_demo_maker_cannot(client):
    call_command("seed_demo", "--no-progress", "--force")
    design = Design.objects.get(slug="bold-type-poster")
    client.login(email="member@example.com", password="commonmade")
    response = client.post(f"/votes/{design.slug}/", {"score": "5", "would_buy": "on"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    response = client.post(f"/votes/{design.slug}/", {"score": "2"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    client.logout()
    client.login(email="maker@example.com", password="commonmade")
    response = client.post(f"/votes/{design.slug}/", {"score": "5"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
