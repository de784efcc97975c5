"""Live drops: what is on, a drop with its shelf, its chat (read with a cursor, write as a member)."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from api import present
from api.auth import MEMBER
from api.pagination import clamp_limit, keyset_decode, keyset_link, paginate
from api.routes.common import with_errors
from api.routes.shop import product_cards
from api.schemas import ChatIn, ChatMessageOut, ChatPage, LiveShowDetail, LiveShowPage, ShelfOut
from live import selectors as live_selectors
from live import services as live_services
from live.models import LiveShow

router = Router(tags=["live"])

LISTS = {
    "current": live_selectors.shows_current,
    "live": live_selectors.shows_now,
    "upcoming": live_selectors.shows_upcoming,
    "past": live_selectors.shows_past,
}


def show_card(request: HttpRequest, show: LiveShow) -> dict:
    return {
        "slug": show.slug,
        "title": show.title,
        "url": present.absolute(request, show.get_absolute_url()),
        "status": show.status,
        "status_display": str(show.get_status_display()),
        "host": present.maker_ref(request, show.host),
        "starts_at": show.starts_at,
        "ends_at": show.ends_at,
        "started_at": show.started_at,
        "ended_at": show.ended_at,
    }


@router.get("/live/", response=with_errors({200: LiveShowPage}), summary="Live drops")
def show_list(
    request: HttpRequest,
    when: Literal["current", "live", "upcoming", "past"] = Query(
        "current", description="current: live now, then upcoming; past: ended, newest first"
    ),
    limit: int | None = Query(None, ge=1, le=100),
    cursor: str | None = Query(None, max_length=500),
):
    return paginate(
        request,
        LISTS[when](),
        limit=limit,
        cursor=cursor,
        prepare=lambda rows: [show_card(request, show) for show in rows],
    )


def _show(slug: str) -> LiveShow:
    show = live_selectors.show_by_slug(slug=slug[:160])
    if show is None:
        raise Http404(_("No live drop here."))
    return show


def shelf_out(request: HttpRequest, show: LiveShow) -> list[dict]:
    products = live_selectors.shelf_products(show=show)
    cards = product_cards(request, products)
    for card, product in zip(cards, products, strict=True):
        card["pinned"] = product.pk == show.pinned_product_id
        card["variants"] = [
            {
                "id": v.pk,
                "sku": v.sku,
                "label": str(v.label),
                "size": v.size,
                "colour": v.colour,
                "in_stock": v.available(),
                "stock": None if product.made_to_order else v.stock,
            }
            for v in product.shelf_variants
        ]
    return cards


@router.get(
    "/live/{slug}/", response=with_errors({200: LiveShowDetail, 304: None}, 404), summary="A live drop and its shelf"
)
def show_detail(request: HttpRequest, slug: str):
    show = _show(slug)
    data = show_card(request, show)
    data.update(
        description=show.description,
        description_html=present.markdown_html(show.description),
        stream_url=show.stream_url,
        chat_open=show.chat_open,
        slow_mode_seconds=show.slow_mode_seconds,
        pinned_product=show.pinned_product.slug if show.pinned_product else None,
        shelf=shelf_out(request, show),
        tips=live_selectors.tips_total(show=show),
        tip_amounts=live_services.tip_amounts(),
    )
    return data


@router.get(
    "/live/{slug}/shelf/",
    response=with_errors({200: ShelfOut, 304: None}, 404),
    summary="A drop's shelf: the products on sale in it, the pinned one marked",
)
def show_shelf(request: HttpRequest, slug: str):
    return {"items": shelf_out(request, _show(slug))}


def chat_message_out(request: HttpRequest, message) -> dict:
    visible = not (message.moderation_removed or message.hidden)
    return {
        "id": message.pk,
        "kind": message.kind,
        "author": present.member(request, message.author),
        "text": message.text if visible else "",
        "removed": message.moderation_removed,
        "hidden": message.hidden,
        "tip_amount": message.tip.amount if message.tip_id else None,
        "created_at": message.created_at,
    }


@router.get(
    "/live/{slug}/chat/",
    response=with_errors({200: ChatPage}, 404),
    summary="A drop's chat, oldest first",
    description="Without a cursor: the newest messages. `next` fetches what was written after the last one "
    "(poll it while the drop is live: it stays valid when nothing new came); `previous` the older ones.",
)
def chat_list(
    request: HttpRequest,
    slug: str,
    limit: int | None = Query(None, ge=1, le=100),
    cursor: str | None = Query(None, max_length=500),
):
    show = _show(slug)
    limit = clamp_limit(limit)
    direction, pk = keyset_decode(request, cursor)
    if direction == "a":
        messages = live_selectors.chat_history(show=show, after_id=pk, from_start=not pk, limit=limit)
    else:
        messages = live_selectors.chat_history(show=show, before_id=pk, limit=limit)
    # `next` always leads on (to what comes after this page), so a client can keep polling it.
    newest = messages[-1].pk if messages else (pk if direction == "a" else max(pk - 1, 0))
    older = messages[0].pk if messages else 0
    has_older = bool(older) and live_selectors.chat_has_before(show=show, before_id=older)
    return {
        "items": [chat_message_out(request, m) for m in messages],
        "next": keyset_link(request, direction="a", pk=newest, limit=limit),
        "previous": keyset_link(request, direction="b", pk=older, limit=limit) if has_older else None,
    }


@router.post(
    "/live/{slug}/chat/",
    auth=MEMBER,
    response=with_errors({201: ChatMessageOut}, 403, 404, 409),
    summary="Write in a drop's chat",
    description="As on the drop's page: verified members, while the drop is live (or in the hour before: 409 "
    "otherwise), with the chat's rate limit and slow mode (429) and the host's time-outs (403).",
)
def chat_post(request: HttpRequest, slug: str, payload: ChatIn):
    message = live_services.chat_post(show=_show(slug), author=request.user, text=payload.text)
    return 201, chat_message_out(request, message)
