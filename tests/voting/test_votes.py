"""Casting, changing and removing votes; who may vote; the widget with and without JavaScript."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from designs.models import DesignState
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import make_design
from tests.factories.voting import VoterFactory
from voting import rules as voting_rules
from voting import services
from voting.models import DesignVoteStats, Vote

pytestmark = pytest.mark.django_db


def stats(design):
    return DesignVoteStats.objects.get(pk=design.pk)


def test_cast_change_and_remove_keep_counters_exact():
    design = make_design()
    a, b = VoterFactory(), VoterFactory()
    services.vote_cast(voter=a, design=design, score=4, would_buy=True)
    services.vote_cast(voter=b, design=design, score=2)
    s = stats(design)
    assert (s.votes, s.score_sum, s.would_buy, s.discounted) == (2, 6, 1, 0)
    services.vote_cast(voter=a, design=design, score=5, would_buy=False)
    s = stats(design)
    assert (s.votes, s.score_sum, s.would_buy) == (2, 7, 0)
    assert Vote.objects.filter(design=design).count() == 2
    assert services.vote_remove(voter=b, design=design) is True
    s = stats(design)
    assert (s.votes, s.score_sum, s.would_buy) == (1, 5, 0)
    assert s.crowd_score == pytest.approx(100 * 0.6 * ((10 * 2.5 + 5) / 11) / 5)
    assert services.vote_remove(voter=b, design=design) is False


def test_one_vote_per_member_and_design_is_a_database_constraint():
    design = make_design()
    voter = VoterFactory()
    Vote.objects.create(design=design, voter=voter, score=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(design=design, voter=voter, score=4)


def test_score_outside_0_to_5_is_refused_by_the_database():
    design = make_design()
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(design=design, voter=VoterFactory(), score=6)


@pytest.mark.parametrize("score", [-1, 6, "five", None])
def test_bad_score_gets_a_message_and_changes_nothing(score):
    design = make_design()
    with pytest.raises(ValidationError) as exc:
        services.vote_cast(voter=VoterFactory(), design=design, score=score)
    assert "0" in exc.value.message_dict["score"][0]
    assert not Vote.objects.exists()


def test_zero_is_a_valid_score():
    design = make_design()
    services.vote_cast(voter=VoterFactory(), design=design, score=0)
    assert stats(design).votes == 1


def test_maker_cannot_vote_on_own_design():
    maker = VoterFactory()
    design = make_design(maker=maker)
    with pytest.raises(services.VoteRefused, match="your own design"):
        services.vote_cast(voter=maker, design=design, score=5)
    assert not Vote.objects.exists()


def test_unverified_member_cannot_vote():
    voter = VoterFactory(verified=False)
    with pytest.raises(services.VoteRefused, match="confirm your email"):
        services.vote_cast(voter=voter, design=make_design(), score=3)


def test_new_account_cannot_vote_until_the_setting_allows():
    voter = UserFactory()  # joined just now
    design = make_design()
    with pytest.raises(services.VoteRefused, match="24 hours"):
        services.vote_cast(voter=voter, design=design, score=3)
    voter.date_joined = timezone.now() - timedelta(hours=25)
    voter.save()
    services.vote_cast(voter=voter, design=design, score=3)
    assert Vote.objects.count() == 1


def test_vote_on_closed_window_is_refused():
    design = make_design(voting_starts_at=timezone.now() - timedelta(days=8), voting_ends_at=timezone.now())
    with pytest.raises(services.VoteRefused, match="closed"):
        services.vote_cast(voter=VoterFactory(), design=design, score=3)


def test_vote_before_the_window_opens_is_refused():
    design = make_design(voting_starts_at=timezone.now() + timedelta(hours=2))
    with pytest.raises(services.VoteRefused, match="not started"):
        services.vote_cast(voter=VoterFactory(), design=design, score=3)


def test_vote_on_design_not_in_voting_is_refused():
    design = make_design(state=DesignState.SHORTLISTED)
    with pytest.raises(services.VoteRefused):
        services.vote_cast(voter=VoterFactory(), design=design, score=3)


def test_remove_after_window_closed_is_refused():
    design = make_design()
    voter = VoterFactory()
    services.vote_cast(voter=voter, design=design, score=3)
    design.voting_ends_at = timezone.now() - timedelta(seconds=1)
    design.save()
    with pytest.raises(services.VoteRefused):
        services.vote_remove(voter=voter, design=design)
    assert stats(design).votes == 1


def test_rate_limit(monkeypatch):
    monkeypatch.setattr(voting_rules, "RATE_LIMIT_PER_MINUTE", 3)
    voter = VoterFactory()
    design = make_design()
    for score in (1, 2, 3):
        services.vote_cast(voter=voter, design=design, score=score)
    with pytest.raises(services.VoteRateLimited, match="3 votes a minute"):
        services.vote_cast(voter=voter, design=design, score=4)
    assert Vote.objects.get().score == 3


# --- the widget and the vote endpoint -------------------------------------------------


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def test_design_page_shows_the_vote_form_to_a_member(client):
    design = make_design()
    voter = VoterFactory()
    login(client, voter)
    html = client.get(design.get_absolute_url()).content.decode()
    assert "data-vote-form" in html
    assert f'action="/votes/{design.slug}/"' in html
    assert 'name="score" value="0"' in html and 'name="score" value="5"' in html
    assert "I&#x27;d buy it" in html or "I'd buy it" in html


def test_form_post_without_javascript_votes_and_redirects_back(client):
    design = make_design()
    voter = VoterFactory()
    login(client, voter)
    response = client.post(f"/votes/{design.slug}/", {"score": "4", "would_buy": "on"})
    assert response.status_code == 302
    assert response["Location"] == design.get_absolute_url()
    vote = Vote.objects.get()
    assert (vote.score, vote.would_buy, vote.voter_id) == (4, True, voter.pk)
    page = client.get(design.get_absolute_url()).content.decode()
    assert "Change vote" in page
    assert 'value="4" required checked' in page


def test_fetch_vote_answers_with_the_new_numbers_without_rendering_the_panel(client):
    design = make_design()
    login(client, VoterFactory())
    response = client.post(f"/votes/{design.slug}/", {"score": "5"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    payload = response.json()
    assert payload["ok"] is True
    assert "html" not in payload
    assert payload["counters"]["votes"] == 1
    assert payload["counters"]["mean_score"] == "5.00 / 5"
    assert payload["my_vote"] == {"score": 5, "would_buy": False, "counted": True}
    response = client.post(f"/votes/{design.slug}/", {"score": "1", "would_buy": "on"}, HTTP_ACCEPT="application/json")
    payload = response.json()
    assert payload["counters"]["mean_score"] == "1.00 / 5"
    assert (payload["counters"]["votes"], payload["counters"]["would_buy"]) == (1, 1)
    assert payload["counters"]["crowd_score"].endswith(" / 100")


def test_the_panel_holds_what_the_script_switches_after_a_first_vote(client):
    """The remove button and the "held back" note are in the page, hidden, for the script to show."""
    design = make_design()
    login(client, VoterFactory())
    html = client.get(design.get_absolute_url()).content.decode()
    assert 'data-label-change="Change vote"' in html
    assert "data-vote-remove hidden" in html
    assert "data-vote-held hidden" in html


def test_a_vote_costs_few_statements(client, django_assert_max_num_queries):
    """Lock, one read for every rule, the vote, the counters (plus the request's session and member)."""
    design = make_design()
    DesignVoteStats.objects.create(design=design)  # made when voting opens
    voter = VoterFactory()
    login(client, voter)
    client.get(design.get_absolute_url())  # the member's daily visit is counted here, not below
    # The design, the session, the member; the counters locked, one read for the rules, the vote
    # written, the counters written; the test's savepoint around them (BEGIN/COMMIT in production).
    with django_assert_max_num_queries(9):
        response = client.post(f"/votes/{design.slug}/", {"score": "4"}, HTTP_ACCEPT="application/json")
    assert response.json()["counters"]["votes"] == 1


def test_remove_by_form(client):
    design = make_design()
    voter = VoterFactory()
    login(client, voter)
    client.post(f"/votes/{design.slug}/", {"score": "4"})
    response = client.post(f"/votes/{design.slug}/", {"action": "remove"})
    assert response.status_code == 302
    assert not Vote.objects.exists()
    assert stats(design).votes == 0


def test_maker_sees_why_and_gets_403(client):
    maker = VoterFactory()
    design = make_design(maker=maker)
    login(client, maker)
    html = client.get(design.get_absolute_url()).content.decode()
    assert "data-vote-form" not in html
    assert "You cannot vote on your own design." in html
    response = client.post(f"/votes/{design.slug}/", {"score": "5"})
    assert response.status_code == 403
    assert "You cannot vote on your own design." in response.content.decode()
    assert not Vote.objects.exists()


def test_closed_window_vote_is_refused_with_a_message(client):
    design = make_design()
    login(client, VoterFactory())
    design.voting_ends_at = timezone.now() - timedelta(minutes=1)
    design.save()
    response = client.post(f"/votes/{design.slug}/", {"score": "5"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert response.json()["message"] == "Voting on this design is closed."
    assert not Vote.objects.exists()


def test_bad_score_by_form_is_400_with_message(client):
    design = make_design()
    login(client, VoterFactory())
    response = client.post(f"/votes/{design.slug}/", {"score": "9"})
    assert response.status_code == 400
    assert "Choose a score" in response.content.decode()


def test_rate_limited_request_gets_429_with_a_message(client):
    design = make_design()
    login(client, VoterFactory())
    for i in range(60):
        assert client.post(f"/votes/{design.slug}/", {"score": str(i % 6)}).status_code == 302
    response = client.post(f"/votes/{design.slug}/", {"score": "3"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert "at most 60 votes a minute" in response.json()["message"]
    assert Vote.objects.get().score == (59 % 6)


def test_anonymous_is_sent_to_login(client):
    design = make_design()
    response = client.post(f"/votes/{design.slug}/", {"score": "5"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(f"/votes/{design.slug}/", {"score": "5"}, HTTP_ACCEPT="application/json").status_code == 401
    assert not Vote.objects.exists()


def test_vote_endpoint_needs_csrf(client):
    from django.test import Client

    design = make_design()
    voter = VoterFactory()
    strict = Client(enforce_csrf_checks=True)
    strict.login(email=voter.email, password=PASSWORD)
    assert strict.post(f"/votes/{design.slug}/", {"score": "5"}).status_code == 403
    assert not Vote.objects.exists()


def test_vote_endpoint_only_takes_post(client):
    design = make_design()
    assert client.get(f"/votes/{design.slug}/").status_code == 405
