"""Challenges and their leaderboards, and the week's trending designs."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from api import present
from api.routes.common import with_errors
from api.schemas import ChallengeDetail, ChallengeList, TrendingList
from designs import selectors as design_selectors
from voting import selectors as voting_selectors

router = Router(tags=["challenges"])


def challenge_card(request: HttpRequest, challenge) -> dict:
    return {
        "slug": challenge.slug,
        "title": challenge.title,
        "url": present.absolute(request, challenge.get_absolute_url()),
        "state": challenge.state,
        "submission_starts_at": challenge.submission_starts_at,
        "submission_ends_at": challenge.submission_ends_at,
        "voting_starts_at": challenge.voting_starts_at,
        "voting_ends_at": challenge.voting_ends_at,
        "entry_count": getattr(challenge, "entry_count", 0),
    }


@router.get("/challenges/", response=with_errors({200: ChallengeList}), summary="Current, upcoming and past challenges")
def challenge_list(request: HttpRequest):
    groups = voting_selectors.challenge_overview()
    return {name: [challenge_card(request, c) for c in groups[name]] for name in ("current", "upcoming", "past")}


@router.get(
    "/challenges/{slug}/",
    response=with_errors({200: ChallengeDetail, 304: None}, 404),
    summary="A challenge with its leaderboard",
)
def challenge_detail(request: HttpRequest, slug: str):
    challenge = voting_selectors.challenge_by_slug(slug=slug)
    if challenge is None:
        raise Http404(_("No such challenge."))
    entries = voting_selectors.challenge_leaderboard(challenge=challenge)
    covers = design_selectors.cover_image_urls(design_ids=[e.design_id for e in entries], spec=present.CARD_SPEC)
    data = challenge_card(request, challenge)
    data["entry_count"] = len(entries)
    data.update(
        brief=challenge.brief,
        brief_html=present.markdown_html(challenge.brief),
        prize_terms=challenge.prize_terms,
        closed=challenge.closed_at is not None,
        leaderboard=[
            {
                "position": position,
                "rank": entry.rank,
                "design": present.design_card(
                    request, entry.design, cover=covers.get(entry.design_id), summary=entry.summary
                ),
            }
            for position, entry in enumerate(entries, start=1)
        ],
    )
    return data


@router.get("/trending/", response=with_errors({200: TrendingList}), summary="The designs voted on most this week")
def trending(request: HttpRequest):
    designs = voting_selectors.trending_designs(limit=24)
    covers = design_selectors.cover_image_urls(design_ids=[d.pk for d in designs], spec=present.CARD_SPEC)
    return {"items": [present.design_card(request, d, cover=covers.get(d.pk), summary=d.week_summary) for d in designs]}
