"""Closing windows: ranking, the shortlist rule, early leave and supporter milestones."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from designs import rules as design_rules
from designs.models import DesignState, DesignTransition
from designs.services import design_approve
from notifications.models import Notification
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design
from tests.factories.site_settings import set_site_setting
from tests.factories.voting import ChallengeFactory, VoterFactory, bulk_votes, spread
from voting import rules as voting_rules
from voting import services
from voting.models import ChallengeEntry, MilestoneReached, VotingRules

pytestmark = pytest.mark.django_db
S = DesignState


@pytest.fixture
def doc_rules():
    """docs/ranking.md's example: the ranking constants it is computed with, and a shortlist of two."""
    ranking = (voting_rules.PRIOR_MEAN, voting_rules.PRIOR_WEIGHT, voting_rules.WILSON_Z, voting_rules.SCORE_WEIGHT)
    assert ranking == (2.5, 10, 1.96, 0.6)
    return set_site_setting(
        VotingRules, shortlist_top_k=2, shortlist_min_votes=20, shortlist_min_would_buy_lower=Decimal("0.2")
    )


def seeded_challenge():
    """The example of docs/ranking.md: five entries with known counts."""
    challenge = ChallengeFactory(voting_ends_at=timezone.now() + timedelta(hours=1))
    plan = {"E1": (25, 100, 10), "E2": (40, 160, 20), "E3": (25, 75, 10), "E4": (3, 15, 3), "E5": (30, 120, 3)}
    designs = {}
    for name, (n, total, k) in plan.items():
        design = make_design(
            title=name, voting_starts_at=challenge.voting_starts_at, voting_ends_at=challenge.voting_ends_at
        )
        ChallengeEntry.objects.create(challenge=challenge, design=design)
        bulk_votes(design, spread(n, total, k), prefix=name.lower())
        designs[name] = design
    services.votes_recount()
    return challenge, designs


def test_close_voting_shortlists_the_hand_computed_designs(doc_rules):
    challenge, designs = seeded_challenge()
    call_command("close_voting")  # still open: nothing happens
    challenge.refresh_from_db()
    assert challenge.closed_at is None
    challenge.voting_ends_at = timezone.now() - timedelta(seconds=1)
    challenge.save()

    call_command("close_voting")

    for d in designs.values():
        d.refresh_from_db()
    assert {n for n, d in designs.items() if d.state == S.SHORTLISTED} == {"E1", "E2"}
    assert {n for n, d in designs.items() if d.state == S.NOT_SELECTED} == {"E3", "E4", "E5"}
    ranks = {e.design.title: e.rank for e in ChallengeEntry.objects.select_related("design")}
    assert ranks == {"E2": 1, "E4": 2, "E1": 3, "E5": 4, "E3": 5}
    scores = {e.design.title: e.final_crowd_score for e in ChallengeEntry.objects.select_related("design")}
    assert scores["E2"] == pytest.approx(58.48, abs=5e-3)
    assert scores["E4"] == pytest.approx(54.46, abs=5e-3)
    assert "ranked #5 of 5" in designs["E3"].decision_reason
    challenge.refresh_from_db()
    assert challenge.closed_at is not None


def test_close_voting_is_idempotent(doc_rules):
    challenge, designs = seeded_challenge()
    challenge.voting_ends_at = timezone.now() - timedelta(seconds=1)
    challenge.save()
    call_command("close_voting")
    transitions = DesignTransition.objects.count()
    notifications = Notification.objects.count()
    call_command("close_voting")
    result = services.challenge_close(challenge=challenge)
    assert result.already_closed
    assert DesignTransition.objects.count() == transitions
    assert Notification.objects.count() == notifications


def test_closing_an_open_challenge_is_refused():
    challenge = ChallengeFactory()
    with pytest.raises(ValidationError, match="still open"):
        services.challenge_close(challenge=challenge)


def test_closed_challenge_page_shows_results(client, doc_rules):
    challenge, designs = seeded_challenge()
    challenge.voting_ends_at = timezone.now() - timedelta(seconds=1)
    challenge.save()
    services.voting_close_due()
    html = client.get(challenge.get_absolute_url()).content.decode()
    assert "Results" in html
    assert html.index("E2") < html.index("E4") < html.index("E1") < html.index("E5") < html.index("E3")
    assert "Shortlisted" in html


# --- early leave -----------------------------------------------------------------------


@pytest.fixture
def early_rules():
    """The early-leave rule the tests below are written for (docs/voting.md)."""
    assert (voting_rules.EARLY_HOURS, voting_rules.EARLY_MIN_VOTES, voting_rules.EARLY_FLOOR) == (24, 10, 1.5)


def test_low_score_after_24_hours_leaves_voting_and_maker_is_told(early_rules):
    design = make_design(voting_starts_at=timezone.now() - timedelta(hours=25))
    bulk_votes(design, spread(10, 14, 0))  # mean 1.4
    services.votes_recount()
    report = services.voting_close_due()
    design.refresh_from_db()
    assert report.left_early == [design.pk]
    assert design.state == S.NOT_SELECTED
    assert "1.4" in design.decision_reason and "1.5" in design.decision_reason
    note = Notification.objects.get(recipient=design.maker, kind="design_not_selected")
    assert "below the floor" in note.body


@pytest.mark.parametrize(
    "hours,n,total",
    [(23, 10, 10), (25, 9, 9), (25, 10, 15)],
    ids=["too-early", "too-few-votes", "at-the-floor"],
)
def test_early_leave_needs_time_votes_and_a_low_mean(early_rules, hours, n, total):
    design = make_design(voting_starts_at=timezone.now() - timedelta(hours=hours))
    bulk_votes(design, spread(n, total, 0))
    services.votes_recount()
    services.voting_close_due()
    design.refresh_from_db()
    assert design.state == S.APPROVED


# --- open gallery milestones ------------------------------------------------------------


@pytest.fixture
def milestones(monkeypatch):
    monkeypatch.setattr(voting_rules, "MILESTONES", ((2, 14), (3, 60)))
    assert design_rules.VOTING_DAYS == 7


def approve(design, django_capture_on_commit_callbacks):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="moderate_design"))
    with django_capture_on_commit_callbacks(execute=True):
        design_approve(design=design, actor=editor)
    design.refresh_from_db()
    return design


def test_open_gallery_window_runs_to_the_first_milestone_deadline(milestones, django_capture_on_commit_callbacks):
    design = approve(make_design(state=S.SUBMITTED), django_capture_on_commit_callbacks)
    assert design.voting_ends_at - design.voting_starts_at == timedelta(days=14)


def test_milestones_are_recorded_announced_and_extend_the_window(milestones, django_capture_on_commit_callbacks):
    design = approve(make_design(state=S.SUBMITTED), django_capture_on_commit_callbacks)
    a, b, c = VoterFactory(), VoterFactory(), VoterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(voter=a, design=design, score=5, would_buy=True)
        services.vote_cast(voter=b, design=design, score=4, would_buy=False)
    assert not MilestoneReached.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(voter=b, design=design, score=4, would_buy=True)
    assert list(MilestoneReached.objects.values_list("supporters", flat=True)) == [2]
    design.refresh_from_db()
    assert design.voting_ends_at - design.voting_starts_at == timedelta(days=60)
    told = set(Notification.objects.filter(kind="voting_milestone").values_list("recipient_id", flat=True))
    assert told == {design.maker_id, a.pk, b.pk}
    # the last milestone ends voting and puts the design on the shortlist
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(voter=c, design=design, score=5, would_buy=True)
    assert list(MilestoneReached.objects.values_list("supporters", flat=True)) == [2, 3]
    report = services.voting_close_due()
    design.refresh_from_db()
    assert report.gallery == {design.pk: "shortlisted"}
    assert design.state == S.SHORTLISTED


def test_open_gallery_design_missing_a_milestone_leaves_voting(milestones, django_capture_on_commit_callbacks):
    design = approve(make_design(state=S.SUBMITTED), django_capture_on_commit_callbacks)
    services.vote_cast(voter=VoterFactory(), design=design, score=5, would_buy=True)
    services.voting_close_due()
    design.refresh_from_db()
    assert design.state == S.APPROVED  # deadline not reached yet
    later = design.voting_ends_at + timedelta(minutes=1)
    report = services.voting_close_due(now=later)
    design.refresh_from_db()
    assert report.gallery == {design.pk: "left"}
    assert design.state == S.NOT_SELECTED
    assert "needed 2 supporters" in design.decision_reason and "had 1" in design.decision_reason


def test_challenge_entry_votes_in_the_challenge_window(django_capture_on_commit_callbacks):
    challenge = ChallengeFactory(
        submission_starts_at=timezone.now() - timedelta(days=1),
        submission_ends_at=timezone.now() + timedelta(days=1),
        voting_starts_at=timezone.now() + timedelta(days=2),
        voting_ends_at=timezone.now() + timedelta(days=9),
    )
    design = make_design(state=S.SUBMITTED)
    services.challenge_enter(challenge=challenge, design=design, actor=design.maker)
    design = approve(design, django_capture_on_commit_callbacks)
    assert (design.voting_starts_at, design.voting_ends_at) == (challenge.voting_starts_at, challenge.voting_ends_at)
    with pytest.raises(services.VoteRefused, match="not started"):
        services.vote_cast(voter=VoterFactory(), design=design, score=3)


def test_entry_left_in_voting_after_its_challenge_closed_leaves():
    challenge = ChallengeFactory(voting_ends_at=timezone.now() - timedelta(hours=1), closed_at=timezone.now())
    design = make_design()
    ChallengeEntry.objects.create(challenge=challenge, design=design)
    services.voting_close_due()
    design.refresh_from_db()
    assert design.state == S.NOT_SELECTED
