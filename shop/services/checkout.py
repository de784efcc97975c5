"""Checkout: the cart becomes a pending order with a price snapshot, then its PaymentIntent."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from community.models import User
from shop.cart import MemberCart
from shop.errors import ShopError
from shop.models import Order, OrderLine
from shop.selectors.campaigns import running_campaign
from shop.selectors.cart import cart_summary
from shop.services.cart import check_stock, variant_for_sale
from shop.services.payments import order_ensure_intent


def order_create(*, user: User, cart: MemberCart, referrer: User | None = None) -> Order:
    """A pending order with its lines and price snapshot, before any payment; then its PaymentIntent.

    `referrer`: the member whose shared link brought the buyer (never the buyer themself).
    """
    if referrer is not None and (referrer.pk == user.pk or not referrer.is_active):
        referrer = None
    with transaction.atomic():
        cart.lock()
        summary = cart_summary(items=cart.items())
        if not summary.lines:
            raise ShopError(_("Your cart is empty."))
        campaign = None
        products = {line.product.pk for line in summary.lines}
        for line in summary.lines:
            variant = variant_for_sale(line.variant.pk, user=user)
            check_stock(variant, line.quantity)
            open_campaign = running_campaign(product=variant.product)
            if open_campaign:
                if len(products) > 1:
                    raise ShopError(
                        _("Pre-orders are checked out on their own. Please order “%(title)s” separately.")
                        % {"title": variant.product.title}
                    )
                campaign = open_campaign
        order = Order.objects.create(
            user=user, email=user.email, total=summary.total, campaign=campaign, referrer=referrer
        )
        OrderLine.objects.bulk_create(
            [
                OrderLine(
                    order=order,
                    product=line.product,
                    variant=line.variant,
                    title=f"{line.product.title} – {line.variant.label}",
                    sku=line.variant.sku,
                    unit_price=line.unit_price,
                    quantity=line.quantity,
                    royalty_share=line.product.royalty_share,
                )
                for line in summary.lines
            ]
        )
        cart.clear()
    order_ensure_intent(order=order)
    return order
