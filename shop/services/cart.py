"""The cart: server prices, stock and sale rules checked on every change."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from shop import rules as shop_rules
from shop.cart import MemberCart, SessionCart
from shop.errors import ShopError
from shop.models import SOLD_STATES, Order, OrderStatus, ProductVariant
from shop.offers import Offer, offers_for
from shop.selectors.catalogue import purchase_refusal


def quantity_message(*, allow_zero: bool = False) -> str:
    """What a person is told about a quantity outside the allowed range (or not a number at all)."""
    return _("Please choose a quantity between %(low)s and %(high)s.") % {
        "low": 0 if allow_zero else 1,
        "high": shop_rules.MAX_QUANTITY,
    }


def check_quantity(quantity: int, *, allow_zero: bool = False) -> None:
    """1 (or 0, which removes a line) up to the most units of one item per order."""
    if not (0 if allow_zero else 1) <= quantity <= shop_rules.MAX_QUANTITY:
        raise ShopError({"quantity": quantity_message(allow_zero=allow_zero)})


def unknown_variant_message() -> str:
    return _("This item does not exist or is no longer for sale.")


def variant_by_id(variant_id: int | None) -> ProductVariant:
    """The variant with its product, or a refusal saying it does not exist."""
    variant = None
    if variant_id is not None and 0 < variant_id <= 2**31 - 1:
        variant = ProductVariant.objects.select_related("product").filter(pk=variant_id).first()
    if variant is None:
        raise ShopError({"variant": unknown_variant_message()})
    return variant


def check_for_sale(variant: ProductVariant, *, user) -> None:
    refusal = purchase_refusal(product=variant.product, user=user)
    if refusal:
        raise ShopError({"variant": refusal})


def variant_for_sale(variant_id: int, *, user) -> ProductVariant:
    variant = variant_by_id(variant_id)
    check_for_sale(variant, user=user)
    return variant


def current_offer(product_id: int) -> Offer | None:
    return offers_for([product_id]).get(product_id)


def price_mismatch_message() -> str:
    return _("The price sent does not match the shop's price. Please reload the page and try again.")


def _check_price(variant: ProductVariant, claimed_price: Decimal | None, offer: Offer | None) -> None:
    """The price is the server's (a current offer's, else the catalogue's); another claimed price is refused."""
    if claimed_price is None:
        return
    if claimed_price != (offer.price if offer is not None else variant.product.price):
        raise ShopError({"price": price_mismatch_message()})


def check_stock(variant: ProductVariant, quantity: int) -> None:
    if not variant.available(quantity):
        if variant.stock == 0:
            raise ShopError({"quantity": _("Sorry, this item is sold out.")})
        raise ShopError({"quantity": _("Only %(n)s left in stock.") % {"n": variant.stock}})


def check_offer(offer: Offer | None, quantity: int) -> None:
    """Units of one product under a limited offer (all its variants together) stay within what is left."""
    if offer is None or offer.remaining is None or quantity <= offer.remaining:
        return
    if offer.remaining <= 0:
        raise ShopError({"quantity": _("Sorry, this drop's quantity is sold out.")})
    raise ShopError({"quantity": _("Only %(n)s left in this drop.") % {"n": offer.remaining}})


def _product_units(cart: SessionCart | MemberCart, product_id: int, *, replacing: int | None = None) -> int:
    """Units of the product in the cart over all its variants, without the variant `replacing`."""
    items = {vid: q for vid, q in cart.items().items() if vid != replacing}
    if not items:
        return 0
    same = ProductVariant.objects.filter(pk__in=list(items), product_id=product_id).values_list("pk", flat=True)
    return sum(items[vid] for vid in same)


def cart_add(
    *,
    cart: SessionCart | MemberCart,
    user,
    variant: ProductVariant,
    quantity: int,
    claimed_price: Decimal | None = None,
) -> tuple[ProductVariant, int]:
    """Add units of a variant; returns the variant and its new quantity in the cart."""
    check_quantity(quantity)
    with transaction.atomic():
        cart.lock()
        check_for_sale(variant, user=user)
        offer = current_offer(variant.product_id)
        _check_price(variant, claimed_price, offer)
        new_quantity = cart.items().get(variant.pk, 0) + quantity
        if new_quantity > shop_rules.MAX_QUANTITY:
            raise ShopError({"quantity": _("At most %(n)s of one item per order.") % {"n": shop_rules.MAX_QUANTITY}})
        check_stock(variant, new_quantity)
        check_offer(offer, _product_units(cart, variant.product_id, replacing=variant.pk) + new_quantity)
        cart.set(variant.pk, new_quantity)
    return variant, new_quantity


def cart_update(*, cart: SessionCart | MemberCart, user, variant_id: int, quantity: int) -> int:
    """Set a line's quantity; 0 removes it."""
    check_quantity(quantity, allow_zero=True)
    vid = variant_id
    with transaction.atomic():
        cart.lock()
        if vid not in cart.items():
            raise ShopError({"variant": _("This item is not in your cart.")})
        if quantity:
            variant = variant_for_sale(vid, user=user)
            check_stock(variant, quantity)
            check_offer(
                current_offer(variant.product_id), _product_units(cart, variant.product_id, replacing=vid) + quantity
            )
        cart.set(vid, quantity)
    return quantity


def cart_merge(*, session_items: dict[int, int], user: User) -> int:
    """At login the visitor's cart joins the member's; quantities stay within stock and limits."""
    if not session_items:
        return 0
    cart = MemberCart(user)
    merged = 0
    with transaction.atomic():
        cart.lock()
        existing = cart.items()
        variants = ProductVariant.objects.select_related("product").in_bulk(list(session_items))
        for vid, qty in session_items.items():
            variant = variants.get(vid)
            if variant is None or not variant.product.is_on_sale:
                continue
            total = min(existing.get(vid, 0) + qty, shop_rules.MAX_QUANTITY)
            if not variant.product.made_to_order:
                total = min(total, variant.stock)
            if total > 0:
                cart.set(vid, total)
                merged += 1
    return merged


def cart_remove_paid(*, cart: SessionCart | MemberCart, order: Order) -> None:
    """A paid (or authorised) order's items leave the buyer's cart; what was added on top of them stays.

    Called once per order: for a member when the payment is applied (services/orders.py), for a
    visitor's session by the view that sees the payment, which SessionCart.settle keeps to once.
    """
    ordered: dict[int, int] = {}
    for line in order.lines.all():
        ordered[line.variant_id] = ordered.get(line.variant_id, 0) + line.quantity
    with transaction.atomic():
        cart.lock()
        items = cart.items()
        for variant_id, quantity in ordered.items():
            if variant_id in items:
                cart.set(variant_id, items[variant_id] - quantity)


def cart_settle_paid(*, cart: SessionCart | MemberCart, order: Order) -> None:
    """The buyer's own request sees the order paid: a visitor's session cart loses its items, once.

    A member's cart was already settled when the payment was applied, wherever that happened.
    """
    paid = order.status in (OrderStatus.AUTHORIZED, *SOLD_STATES)
    if paid and isinstance(cart, SessionCart) and cart.settle(order.number):
        cart_remove_paid(cart=cart, order=order)


def order_buy_again(*, order: Order, user: User, cart: MemberCart) -> tuple[int, list[str]]:
    """Put the order's items back in the cart; returns how many were added and what was not available."""
    if order.user_id != user.pk:
        raise PermissionDenied(_("This is not your order."))
    added, skipped = 0, []
    for line in order.lines.all():
        try:
            cart_add(cart=cart, user=user, variant=variant_by_id(line.variant_id), quantity=line.quantity)
            added += 1
        except ShopError:
            skipped.append(line.title)
    return added, skipped
