"""The vote service takes the score as an int; VoteForm reads it from the request."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories.designs import make_design
from tests.factories.voting import VoterFactory
from voting import services
from voting.forms import VoteForm
from voting.models import Vote

pytestmark = pytest.mark.django_db


def test_vote_cast_takes_an_int_score():
    design, voter = make_design(), VoterFactory()
    vote = services.vote_cast(voter=voter, design=design, score=4, would_buy=True)
    assert (vote.score, vote.would_buy) == (4, True)


@pytest.mark.parametrize("score", ["4", 6, -1, None, True])
def test_vote_cast_refuses_anything_but_an_int_from_0_to_5(score):
    design, voter = make_design(), VoterFactory()
    with pytest.raises(ValidationError, match="Choose a score"):
        services.vote_cast(voter=voter, design=design, score=score)
    assert not Vote.objects.exists()


def test_vote_form_reads_score_and_would_buy():
    form = VoteForm({"score": " 3 ", "would_buy": "on"})
    assert form.is_valid()
    assert form.cleaned_data == {"score": 3, "would_buy": True}
    form = VoteForm({"score": "0"})
    assert form.is_valid()
    assert form.cleaned_data == {"score": 0, "would_buy": False}


@pytest.mark.parametrize("score", ["abc", "", "2.5", "9"])
def test_vote_view_answers_400_with_the_same_message_for_a_bad_score(client, score):
    design = make_design()
    client.force_login(VoterFactory())
    response = client.post(f"/votes/{design.slug}/", {"score": score}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "Choose a score from 0" in response.json()["message"]
    assert not Vote.objects.exists()
