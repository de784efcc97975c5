"""The member's cart: view it, add a variant, change a quantity, remove a line.

The API's writes need a member, and a member's cart is already kept on the server (shop.cart.MemberCart),
whether they log in with the session or send a token: an app and the site show the same cart.
A visitor's session cart stays with the site (guest checkout is a page, not an API call).
Every change goes through shop.services.cart, with the site's stock, price and quantity rules.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Router

from api import present
from api.auth import MEMBER
from api.routes.common import with_errors
from api.schemas import CartAddIn, CartOut, CartQuantityIn
from designs import selectors as design_selectors
from shop import rules as shop_rules
from shop.cart import get_cart
from shop.selectors import cart as cart_selectors
from shop.services import cart as cart_services

router = Router(tags=["cart"], auth=MEMBER)


def cart_out(request: HttpRequest) -> dict:
    """The cart as it is now: three queries (items, variants with products, covers), whatever its size."""
    summary = cart_selectors.cart_summary(items=get_cart(request).items())
    covers = design_selectors.cover_image_urls(
        design_ids=list({line.product.design_id for line in summary.lines}), spec=present.CARD_SPEC
    )
    return {
        "items": [
            {
                "variant_id": line.variant.pk,
                "sku": line.variant.sku,
                "label": str(line.variant.label),
                "product": line.product.slug,
                "title": line.product.title,
                "url": present.absolute(request, line.product.get_absolute_url()),
                "image": present.absolute(request, covers.get(line.product.design_id)),
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "line_total": line.line_total,
                "in_stock": line.variant.available(line.quantity),
            }
            for line in summary.lines
        ],
        "count": summary.count,
        "subtotal": summary.total,
        "subtotal_display": present.money(summary.total),
        "currency": "eur",
        "max_quantity": shop_rules.MAX_QUANTITY,
    }


@router.get("/cart/", response=with_errors({200: CartOut}), summary="Your cart")
def cart_view(request: HttpRequest):
    return cart_out(request)


@router.post(
    "/cart/items/",
    response=with_errors({200: CartOut}, 403),
    summary="Add a variant to your cart",
    description="Adds to what the cart holds already. Stock, the sale rules and the most units per order are "
    "checked as on the site; a `price` that is not the shop's is refused.",
)
def cart_add(request: HttpRequest, payload: CartAddIn):
    cart_services.check_quantity(payload.quantity)  # refused before the variant is looked up, as on the site
    cart_services.cart_add(
        cart=get_cart(request),
        user=request.user,
        variant=cart_services.variant_by_id(payload.variant_id),
        quantity=payload.quantity,
        claimed_price=payload.price,
    )
    return cart_out(request)


def _in_cart(request: HttpRequest, variant_id: int) -> None:
    if variant_id not in get_cart(request).items():
        raise Http404(_("This item is not in your cart."))


@router.put(
    "/cart/items/{variant_id}/",
    response=with_errors({200: CartOut}, 403, 404),
    summary="Change the quantity of a line in your cart (0 removes it)",
)
def cart_update(request: HttpRequest, payload: CartQuantityIn, variant_id: int = Path(..., ge=1, le=2**31 - 1)):
    _in_cart(request, variant_id)
    cart_services.cart_update(
        cart=get_cart(request), user=request.user, variant_id=variant_id, quantity=payload.quantity
    )
    return cart_out(request)


@router.delete(
    "/cart/items/{variant_id}/",
    response=with_errors({200: CartOut}, 403, 404),
    summary="Remove a line from your cart",
)
def cart_remove(request: HttpRequest, variant_id: int = Path(..., ge=1, le=2**31 - 1)):
    _in_cart(request, variant_id)
    cart_services.cart_update(cart=get_cart(request), user=request.user, variant_id=variant_id, quantity=0)
    return cart_out(request)
