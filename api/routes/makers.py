"""Makers: the directory, a storefront, following."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from api import present
from api.auth import MEMBER, viewer
from api.pagination import paginate
from api.routes.common import with_errors
from api.schemas import FollowOut, MakerDetail, MakerPage
from community import selectors as community_selectors
from community import services as community_services
from designs import selectors as design_selectors
from makers import selectors as maker_selectors

router = Router(tags=["makers"])


def maker_card(request: HttpRequest, user) -> dict:
    profile = getattr(user, "profile", None)
    avatar = None
    if profile is not None and profile.avatar_id:
        avatar = present.absolute(request, profile.avatar.get_rendition("fill-160x160|format-webp").url)
    data = present.maker_ref(request, user)
    data.update(avatar=avatar, location=profile.location if profile else "")
    return data


@router.get("/makers/", response=with_errors({200: MakerPage}), summary="Makers with public designs")
def maker_list(
    request: HttpRequest,
    limit: int | None = Query(None, ge=1, le=100),
    cursor: str | None = Query(None, max_length=500),
):
    makers = maker_selectors.makers_directory()
    return paginate(
        request, makers, limit=limit, cursor=cursor, prepare=lambda rows: [maker_card(request, m) for m in rows]
    )


def _maker(handle: str):
    maker = maker_selectors.maker_by_handle(handle=handle)
    if maker is None:
        raise Http404(_("No such maker."))
    return maker


@router.get(
    "/makers/{handle}/", response=with_errors({200: MakerDetail, 304: None}, 404), summary="A maker's storefront"
)
def maker_detail(request: HttpRequest, handle: str):
    maker = _maker(handle)
    user = viewer(request)
    designs = list(design_selectors.design_list(maker=maker)[:48])
    data = maker_card(request, maker)
    profile = maker.profile
    data.update(
        bio=profile.bio,
        bio_html=present.markdown_html(profile.bio),
        website=profile.website,
        follower_count=community_selectors.follower_count(user=maker),
        is_following=community_selectors.is_following(follower=user, maker=maker),
        designs=present.design_cards(request, designs),
    )
    return data


def _follow_answer(maker, following: bool) -> dict:
    return {"following": following, "follower_count": community_selectors.follower_count(user=maker)}


@router.put(
    "/makers/{handle}/follow/", auth=MEMBER, response=with_errors({200: FollowOut}, 403, 404), summary="Follow a maker"
)
def follow(request: HttpRequest, handle: str):
    maker = _maker(handle)
    community_services.follow(follower=request.user, maker=maker)
    return _follow_answer(maker, True)


@router.delete(
    "/makers/{handle}/follow/", auth=MEMBER, response=with_errors({200: FollowOut}, 403, 404), summary="Stop following"
)
def unfollow(request: HttpRequest, handle: str):
    maker = _maker(handle)
    community_services.unfollow(follower=request.user, maker=maker)
    return _follow_answer(maker, False)
