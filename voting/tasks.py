"""Background work: periodic closing and recounting, and fan-out notifications."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="voting.tasks.voting_close_due")
def voting_close_due() -> dict:
    from voting.services import voting_close_due as close_due

    report = close_due()
    return {"challenges": report.challenges, "left_early": report.left_early, "gallery": report.gallery}


@shared_task(name="voting.tasks.voting_recount")
def voting_recount() -> int:
    from voting.services import votes_recount

    drifts = votes_recount(fix=True)
    for drift in drifts:
        logger.warning("vote counters drifted on design %s: stored %s, counted %s", *drift.__dict__.values())
    return len(drifts)


@shared_task(name="voting.tasks.votes_hold_back_concentration")
def votes_hold_back_concentration(voter_id: int, maker_id: int) -> int:
    from voting.services import votes_hold_back_for_concentration

    return votes_hold_back_for_concentration(voter_id=voter_id, maker_id=maker_id)


@shared_task(name="voting.tasks.notify_milestone")
def notify_milestone(design_id: int, supporters: int) -> int:
    from designs.models import Design
    from voting.services import milestone_notify

    design = Design.objects.select_related("maker").get(pk=design_id)
    return milestone_notify(design=design, supporters=supporters)


@shared_task(name="voting.tasks.notify_supporters_of_decision")
def notify_supporters_of_decision(design_id: int) -> int:
    from designs.models import Design
    from voting.services import supporters_notify_decision

    design = Design.objects.get(pk=design_id)
    return supporters_notify_decision(design=design)


@shared_task(name="voting.tasks.trending_refresh")
def trending_refresh() -> int:
    """Recompute the week's trending ranking into the cache, so no page view has to."""
    from voting.selectors import trending_ranking_refresh

    return len(trending_ranking_refresh())
