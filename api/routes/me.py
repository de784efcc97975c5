"""The member behind the request: who they are, and their own orders (read-only)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from api import present
from api.auth import MEMBER
from api.pagination import paginate
from api.routes.common import with_errors
from api.schemas import MeOut, OrderDetail, OrderPage
from community import selectors as community_selectors
from shop.selectors import orders as order_selectors
from shop.services.addresses import ADDRESS_FIELDS

router = Router(tags=["me"], auth=MEMBER)


@router.get("/me/", response=with_errors({200: MeOut}), summary="The member you are")
def me(request: HttpRequest):
    user = request.user
    data = present.member(request, user)
    data.update(email=user.email, trust_level=community_selectors.trust_level(user=user))
    return data


def order_card(order) -> dict:
    return {
        "number": order.number,
        "status": order.status,
        "status_display": str(order.get_status_display()),
        "total": order.total,
        "total_display": present.money(order.total, order.currency),
        "currency": order.currency,
        "created_at": order.created_at,
        "paid_at": order.paid_at,
        "item_count": getattr(order, "item_count", None) or 0,
    }


@router.get("/me/orders/", response=with_errors({200: OrderPage}), summary="Your orders, newest first")
def order_list(
    request: HttpRequest,
    limit: int | None = Query(None, ge=1, le=100),
    cursor: str | None = Query(None, max_length=500),
):
    orders = order_selectors.orders_for_user(user=request.user)
    return paginate(request, orders, limit=limit, cursor=cursor, prepare=lambda rows: [order_card(o) for o in rows])


def order_out(order) -> dict:
    """An order as its buyer sees it: totals, VAT, delivery address, status, tracking and lines."""
    lines = list(order.lines.all())
    data = order_card(order)
    data.update(
        item_count=sum(line.quantity for line in lines),
        subtotal=order.subtotal,
        shipping_cost=order.shipping_cost,
        vat_total=order.vat_total,
        vat_rate=order.shipping_vat_rate,
        refunded_amount=order.refunded_amount,
        shipping_method=order.shipping_method_name,
        delivery_days_min=order.delivery_days_min,
        delivery_days_max=order.delivery_days_max,
        shipping_address={key: getattr(order, f"shipping_{key}") for key in ADDRESS_FIELDS},
        payable=order_selectors.order_is_payable(order=order),
        carrier=order.carrier,
        tracking_number=order.tracking_number,
        shipped_at=order.shipped_at,
        delivered_at=order.delivered_at,
        lines=[
            {
                "title": line.title,
                "sku": line.sku,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "line_total": line.line_total,
            }
            for line in lines
        ],
    )
    return data


def own_order(request: HttpRequest, number: str):
    order = order_selectors.order_for_owner(number=number[:20], user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    return order


@router.get(
    "/me/orders/{number}/", response=with_errors({200: OrderDetail, 304: None}, 404), summary="One of your orders"
)
def order_detail(request: HttpRequest, number: str):
    return order_out(own_order(request, number))
