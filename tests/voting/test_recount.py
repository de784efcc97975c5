"""Counters against a recount from the votes table; the periodic tasks."""

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from tests.factories.designs import make_design
from tests.factories.voting import VoterFactory
from voting import rules as voting_rules
from voting import services, tasks
from voting.models import DesignVoteStats, Vote

pytestmark = pytest.mark.django_db


def test_recount_reports_and_repairs_drift(capsys):
    design = make_design()
    for score in (5, 3):
        services.vote_cast(voter=VoterFactory(), design=design, score=score, would_buy=True)
    DesignVoteStats.objects.filter(pk=design.pk).update(votes=7, score_sum=1)
    call_command("voting_recount", "--dry-run")
    out = capsys.readouterr().out
    assert f"design {design.pk}" in out and "found drift on 1 designs" in out
    assert DesignVoteStats.objects.get(pk=design.pk).votes == 7
    call_command("voting_recount")
    stats = DesignVoteStats.objects.get(pk=design.pk)
    assert (stats.votes, stats.score_sum, stats.would_buy) == (2, 8, 2)
    assert services.votes_recount() == []


def test_recount_builds_missing_counters_and_clears_orphans():
    design = make_design()
    Vote.objects.create(design=design, voter=VoterFactory(), score=4)
    other = make_design()
    DesignVoteStats.objects.create(design=other, votes=3, score_sum=9)
    drifts = services.votes_recount()
    assert {d.design_id for d in drifts} == {design.pk, other.pk}
    assert DesignVoteStats.objects.get(pk=design.pk).votes == 1
    assert DesignVoteStats.objects.get(pk=other.pk).votes == 0


def test_recount_task_returns_the_number_of_drifted_designs():
    design = make_design()
    services.vote_cast(voter=VoterFactory(), design=design, score=4)
    DesignVoteStats.objects.filter(pk=design.pk).update(would_buy=5)
    assert tasks.voting_recount.delay().get() == 1
    assert tasks.voting_recount.delay().get() == 0


def test_periodic_tasks_are_scheduled():
    tasks_scheduled = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"voting.tasks.voting_close_due", "voting.tasks.voting_recount"} <= tasks_scheduled


def test_close_task_runs():
    assert tasks.voting_close_due.delay().get() == {"challenges": [], "left_early": [], "gallery": {}}


def test_changing_the_prior_is_applied_by_the_recount(monkeypatch):
    design = make_design()
    services.vote_cast(voter=VoterFactory(), design=design, score=5)
    before = DesignVoteStats.objects.get(pk=design.pk).bayesian_score
    monkeypatch.setattr(voting_rules, "PRIOR_MEAN", 1.0)
    services.votes_recount()
    after = DesignVoteStats.objects.get(pk=design.pk).bayesian_score
    assert after < before
    assert after == pytest.approx((10 * 1.0 + 5) / 11)
