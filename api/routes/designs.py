"""Designs: the list with the site's filters, a design, its vote, its comments; favourites and flags."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError

from api import present
from api.auth import MEMBER, viewer
from api.pagination import paginate
from api.routes.common import with_errors
from api.schemas import (
    CommentIn,
    CommentOut,
    CommentPage,
    DesignDetail,
    DesignPage,
    FavouriteOut,
    FlagIn,
    MessageOut,
    VoteIn,
    VoteOut,
)
from community import selectors as community_selectors
from community import services as community_services
from designs import selectors as design_selectors
from designs.models import PUBLIC_STATES, Design
from shop.selectors import favourites as favourite_selectors
from shop.services import favourites as favourite_services
from voting import abuse
from voting import selectors as voting_selectors
from voting import services as voting_services

router = Router(tags=["designs"])

PublicState = Literal[tuple(state.value for state in PUBLIC_STATES)]  # type: ignore[valid-type]


def visible_design(request: HttpRequest, slug: str) -> Design:
    """The design if this client may see it: 404 otherwise, 410 once moderation removed it."""
    design = design_selectors.design_detail(slug=slug)
    if design is None or not design_selectors.design_visible_to(design=design, user=viewer(request)):
        raise Http404(_("No such design."))
    if design.moderation_removed:
        raise HttpError(410, _("This design was removed by moderation."))
    return design


@router.get("/designs/", response=with_errors({200: DesignPage}), summary="Designs, newest first by default")
def design_list(
    request: HttpRequest,
    category: str | None = Query(None, max_length=100, description="a category slug"),
    tag: str | None = Query(None, max_length=100, description="a tag slug"),
    state: PublicState | None = Query(None),
    sort: Literal["newest", "oldest", "top"] = Query("newest"),
    limit: int | None = Query(None, ge=1, le=100),
    cursor: str | None = Query(None, max_length=500),
):
    designs = design_selectors.design_list(category=category, tag=tag, state=state, sort=sort)
    return paginate(
        request, designs, limit=limit, cursor=cursor, prepare=lambda rows: present.design_cards(request, rows)
    )


def _my_vote(vote) -> dict | None:
    return {"score": vote.score, "would_buy": vote.would_buy} if vote else None


@router.get("/designs/{slug}/", response=with_errors({200: DesignDetail, 304: None}, 404, 410), summary="A design")
def design_detail(request: HttpRequest, slug: str):
    design = visible_design(request, slug)
    user = viewer(request)
    summary = voting_selectors.vote_summary_for_designs(design_ids=[design.pk])[design.pk]
    images = [image.image.get_rendition(present.DETAIL_SPEC).url for image in design.images.all()]
    refusal = voting_services.vote_refusal_reason(voter=user, design=design)
    data = present.design_card(request, design, cover=images[0] if images else None, summary=summary)
    data.update(
        description=design.description,
        description_html=present.markdown_html(design.description),
        tags=[tag.name for tag in design.tags.all()],
        images=[present.absolute(request, url) for url in images],
        mature=design.mature,
        comment_count=community_selectors.comment_count(obj=design),
        my_vote=_my_vote(voting_selectors.vote_for(voter=user, design=design)),
        can_vote=refusal is None,
        vote_refusal=refusal,
        is_favourite=f"design:{design.pk}" in favourite_selectors.favourite_keys(user=user),
    )
    return data


# --- votes -------------------------------------------------------------------------------


def _vote_answer(design: Design, user, message: str) -> dict:
    summary = voting_selectors.vote_summary_for_designs(design_ids=[design.pk])[design.pk]
    return {
        "message": message,
        "my_vote": _my_vote(voting_selectors.vote_for(voter=user, design=design)),
        "votes": present.vote_summary(summary),
    }


@router.post(
    "/designs/{slug}/vote/",
    auth=MEMBER,
    response=with_errors({200: VoteOut}, 403, 404, 410),
    summary="Vote on a design (or change the vote)",
    description="The same rules as on the site: verified, old enough, not your own design, voting open.",
)
def vote_cast(request: HttpRequest, slug: str, payload: VoteIn):
    design = visible_design(request, slug)
    voting_services.vote_cast(
        voter=request.user,
        design=design,
        score=payload.score,
        would_buy=payload.would_buy,
        network=abuse.network_of(request.META.get("REMOTE_ADDR")),
    )
    return _vote_answer(design, request.user, _("Thank you: your vote counts."))


@router.delete(
    "/designs/{slug}/vote/",
    auth=MEMBER,
    response=with_errors({200: VoteOut}, 403, 404, 410),
    summary="Take a vote back",
)
def vote_remove(request: HttpRequest, slug: str):
    design = visible_design(request, slug)
    removed = voting_services.vote_remove(voter=request.user, design=design)
    return _vote_answer(design, request.user, _("Your vote was removed.") if removed else _("You had not voted."))


# --- comments ----------------------------------------------------------------------------


def comment_out(request: HttpRequest, comment, *, maker_id: int | None) -> dict:
    removed = comment.is_removed or not comment.is_public
    return {
        "id": comment.pk,
        "parent": comment.parent_id if comment.parent_id != comment.pk else None,
        "level": comment.level,
        "author": None if removed or comment.user is None else present.member(request, comment.user),
        "text": "" if removed else comment.comment,
        "text_html": "" if removed else present.markdown_html(comment.comment),
        "submitted_at": comment.submit_date,
        "like_count": getattr(comment, "like_count", 0),
        "is_maker": maker_id is not None and comment.user_id == maker_id,
        "removed": removed,
    }


@router.get(
    "/designs/{slug}/comments/",
    response=with_errors({200: CommentPage}, 404, 410),
    summary="A design's comments, thread by thread",
)
def comment_list(
    request: HttpRequest,
    slug: str,
    limit: int | None = Query(None, ge=1, le=100),
    cursor: str | None = Query(None, max_length=500),
):
    design = visible_design(request, slug)
    comments = community_selectors.comments_of(obj=design)
    return paginate(
        request,
        comments,
        limit=limit,
        cursor=cursor,
        prepare=lambda rows: [comment_out(request, c, maker_id=design.maker_id) for c in rows],
    )


@router.post(
    "/designs/{slug}/comments/",
    auth=MEMBER,
    response=with_errors({201: CommentOut}, 403, 404, 410),
    summary="Comment on a design, or answer a comment",
)
def comment_post(request: HttpRequest, slug: str, payload: CommentIn):
    design = visible_design(request, slug)
    parent = None
    if payload.parent is not None:
        parent = community_selectors.comment_by_id(pk=payload.parent)
        if parent is None:
            raise HttpError(400, _("The comment you answer no longer exists."))
    comment = community_services.comment_post(
        author=request.user, target=design, text=payload.text, parent=parent, followup=payload.followup
    )
    comment.like_count = 0
    return 201, comment_out(request, comment, maker_id=design.maker_id)


@router.post(
    "/designs/{slug}/flag/",
    auth=MEMBER,
    response=with_errors({201: MessageOut}, 403, 404, 409, 410),
    summary="Report a design to the moderators",
)
def design_flag(request: HttpRequest, slug: str, payload: FlagIn):
    design = visible_design(request, slug)
    community_services.flag_create(flagger=request.user, target=design, reason=payload.reason, note=payload.note)
    return 201, {"message": _("Thank you. The moderators will look at it.")}


@router.post(
    "/comments/{comment_id}/flag/",
    auth=MEMBER,
    response=with_errors({201: MessageOut}, 403, 404, 409),
    summary="Report a comment to the moderators",
)
def comment_flag(request: HttpRequest, payload: FlagIn, comment_id: int = Path(..., ge=1, le=2**31 - 1)):
    comment = community_selectors.comment_by_id(pk=comment_id)
    if comment is None or comment.is_removed or not comment.is_public:
        raise Http404(_("No such comment."))
    target = comment.content_object
    if isinstance(target, Design):
        visible_design(request, target.slug)
    community_services.flag_create(flagger=request.user, target=comment, reason=payload.reason, note=payload.note)
    return 201, {"message": _("Thank you. The moderators will look at it.")}


# --- favourites --------------------------------------------------------------------------


def favourite_set(*, user, design=None, product=None, wanted: bool) -> bool:
    """Idempotent favourite on/off on top of the shop's toggle."""
    key = f"design:{design.pk}" if design is not None else f"product:{product.pk}"
    if (key in favourite_selectors.favourite_keys(user=user)) != wanted:
        return favourite_services.favourite_toggle(user=user, design=design, product=product)
    return wanted


@router.put(
    "/designs/{slug}/favourite/",
    auth=MEMBER,
    response=with_errors({200: FavouriteOut}, 403, 404, 410),
    summary="Keep a design as a favourite",
)
def design_favourite(request: HttpRequest, slug: str):
    design = visible_design(request, slug)
    return {"favourite": favourite_set(user=request.user, design=design, wanted=True)}


@router.delete(
    "/designs/{slug}/favourite/",
    auth=MEMBER,
    response=with_errors({200: FavouriteOut}, 403, 404, 410),
    summary="Remove a design from the favourites",
)
def design_unfavourite(request: HttpRequest, slug: str):
    design = visible_design(request, slug)
    return {"favourite": favourite_set(user=request.user, design=design, wanted=False)}
