"""Entering a design into a challenge."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from designs.models import Category, DesignState
from tests.factories.designs import make_design
from tests.factories.voting import ChallengeFactory, VoterFactory
from voting import selectors, services
from voting.models import ChallengeEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_challenge():
    now = timezone.now()
    challenge = ChallengeFactory(
        submission_starts_at=now - timedelta(days=1),
        submission_ends_at=now + timedelta(days=3),
        voting_starts_at=now + timedelta(days=4),
        voting_ends_at=now + timedelta(days=11),
        max_entries_per_maker=2,
    )
    challenge.categories.add(Category.objects.get(slug="poster"))
    return challenge


def test_maker_enters_a_design(open_challenge):
    design = make_design(state=DesignState.SUBMITTED)
    entry = services.challenge_enter(challenge=open_challenge, design=design, actor=design.maker)
    assert entry.challenge == open_challenge and entry.design == design


def test_only_the_maker_enters(open_challenge):
    design = make_design(state=DesignState.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.challenge_enter(challenge=open_challenge, design=design, actor=VoterFactory())
    assert not ChallengeEntry.objects.exists()


def test_entries_per_maker_are_limited(open_challenge):
    maker = VoterFactory()
    for _ in range(2):
        design = make_design(maker=maker, state=DesignState.DRAFT)
        services.challenge_enter(challenge=open_challenge, design=design, actor=maker)
    third = make_design(maker=maker, state=DesignState.DRAFT)
    with pytest.raises(ValidationError, match="at most 2"):
        services.challenge_enter(challenge=open_challenge, design=third, actor=maker)


def test_product_family_must_match(open_challenge):
    other = Category.objects.exclude(slug="poster").first()
    design = make_design(state=DesignState.DRAFT, category=other)
    with pytest.raises(ValidationError, match="product families"):
        services.challenge_enter(challenge=open_challenge, design=design, actor=design.maker)


def test_entry_window_is_enforced():
    challenge = ChallengeFactory()  # entries closed three days ago
    design = make_design(state=DesignState.DRAFT)
    with pytest.raises(ValidationError, match="does not take entries"):
        services.challenge_enter(challenge=challenge, design=design, actor=design.maker)


def test_a_design_enters_one_challenge(open_challenge):
    design = make_design(state=DesignState.DRAFT)
    services.challenge_enter(challenge=open_challenge, design=design, actor=design.maker)
    with pytest.raises(ValidationError, match="already entered"):
        services.challenge_enter(challenge=open_challenge, design=design, actor=design.maker)


def test_approved_design_takes_the_challenge_window(open_challenge):
    design = make_design()
    services.challenge_enter(challenge=open_challenge, design=design, actor=design.maker)
    design.refresh_from_db()
    assert design.voting_ends_at == open_challenge.voting_ends_at


def test_open_for_submission_selector(open_challenge):
    ChallengeFactory()  # voting, not taking entries
    assert list(selectors.challenges_open_for_submission()) == [open_challenge]
