"""Template tags that make site/templates/voting/design_panel.html self-contained."""

from __future__ import annotations

from django import template
from django.utils import timezone

from designs.models import DesignState
from designs.services import is_editor
from voting import abuse, selectors, services

register = template.Library()

NOT_YET_PUBLIC = (DesignState.DRAFT, DesignState.SUBMITTED, DesignState.REJECTED, DesignState.WITHDRAWN)


@register.filter
def reason_label(code: str) -> str:
    return abuse.reason_label(code)


def vote_panel_context(request, design) -> dict:
    user = getattr(request, "user", None)
    now = timezone.now()
    summary = selectors.vote_summary_for_design(design)
    # The challenge entry and the milestones are the same for everyone: one cached read per design.
    entry, milestones = selectors.design_panel_facts(design=design)
    # Only held-back votes show editors anything more, so the permission check waits for them.
    editor = bool(summary.discounted) and is_editor(user)
    context = {
        "design": design,
        "summary": summary,
        "entry": entry,
        "my_vote": selectors.vote_for(voter=user, design=design),
        "refusal": services.vote_refusal_reason(voter=user, design=design, now=now),
        "in_voting": design.state == DesignState.APPROVED,
        "decided": design.state in (DesignState.SELECTED, DesignState.NOT_SELECTED),
        "is_editor": editor,
        "held_back": selectors.discounted_reasons(design=design) if editor else {},
        "milestones": milestones,
        "next_milestone": None
        if entry
        else selectors.next_milestone(
            design=design, summary=summary, now=now, reached={m.supporters for m in milestones}
        ),
        "not_public_yet": design.state in NOT_YET_PUBLIC,
        "enter_challenges": selectors.challenges_for_design(design=design, viewer=user, now=now),
        "request": request,
        "user": user,
        "scores": range(6),
    }
    return context


@register.inclusion_tag("voting/includes/vote_widget.html", takes_context=True)
def vote_panel(context, design):
    return vote_panel_context(context.get("request"), design)
