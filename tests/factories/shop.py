from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from designs.models import DesignState
from shop.models import Order, OrderLine, OrderStatus, Product, ProductStatus, ProductVariant
from tests.factories.designs import make_design

_counter = itertools.count(1)


def make_product(
    *,
    design=None,
    maker=None,
    price: str = "25.00",
    stock: int = 10,
    variants: int = 1,
    made_to_order: bool = False,
    status: str = ProductStatus.ON_SALE,
    royalty_share: str = "0.15",
    product_type: str = "tshirt",
) -> Product:
    n = next(_counter)
    design = design or make_design(maker=maker, state=DesignState.ON_SALE)
    product = Product.objects.create(
        design=design,
        title=f"Product {n}",
        slug=f"product-{n}",
        product_type=product_type,
        price=Decimal(price),
        royalty_share=Decimal(royalty_share),
        made_to_order=made_to_order,
        status=status,
    )
    for i, size in enumerate(["S", "M", "L", "XL"][:variants]):
        ProductVariant.objects.create(
            product=product, size=size, colour="black", sku=f"SKU-{n}-{size}", stock=stock, position=i
        )
    return product


def paid_line(user, product, *, days_ago=1) -> OrderLine:
    """A paid order line for `user`: what a verified purchase looks like."""
    variant = product.variants.first()
    order = Order.objects.create(
        user=user,
        email=user.email,
        total=product.price,
        status=OrderStatus.PAID,
        paid_at=timezone.now() - timedelta(days=days_ago),
    )
    return OrderLine.objects.create(
        order=order,
        product=product,
        variant=variant,
        title=product.title,
        sku=variant.sku,
        unit_price=product.price,
        quantity=1,
        royalty_share=product.royalty_share,
    )


GERMAN_ADDRESS = {
    "name": "Erika Mustermann",
    "line1": "Hauptstraße 5",
    "postcode": "10115",
    "city": "Berlin",
    "country": "DE",
}


def checkout_post(client, *, email: str = "", address: dict | None = None, **extra):
    """Submit the checkout page as a buyer does: a German address unless told otherwise, terms accepted."""
    data = {**GERMAN_ADDRESS, **(address or {}), "accept_terms": "on", "action": "order", **extra}
    if email:
        data["email"] = email
    return client.post("/shop/checkout/", data)


def make_order(
    *,
    user=None,
    items=None,
    status: str = OrderStatus.PENDING,
    vat_rate: str = "0.19",
    shipping_cost: str = "4.90",
    language: str = "en",
    email: str | None = None,
) -> Order:
    """An order as checkout leaves it (address, shipping and VAT snapshots); items: [(product, quantity)]."""
    from core.money import quantize

    items = items or [(make_product(price="20.00"), 1)]
    subtotal = sum((product.price * quantity for product, quantity in items), Decimal("0"))
    shipping = Decimal(shipping_cost)
    rate = Decimal(vat_rate)
    total = subtotal + shipping
    order = Order.objects.create(
        user=user,
        email=email or (user.email if user else "guest@example.com"),
        language=language,
        status=status,
        subtotal=subtotal,
        shipping_cost=shipping,
        shipping_vat_rate=rate,
        vat_total=quantize(total - total / (1 + rate)),
        total=total,
        shipping_method_name="Standard",
        delivery_days_min=2,
        delivery_days_max=4,
        shipping_name="Erika Mustermann",
        shipping_line1="Heidestraße 17",
        shipping_postcode="51147",
        shipping_city="Köln",
        shipping_country="DE",
    )
    for product, quantity in items:
        variant = product.variants.first()
        OrderLine.objects.create(
            order=order,
            product=product,
            variant=variant,
            title=product.title,
            sku=variant.sku,
            unit_price=product.price,
            quantity=quantity,
            royalty_share=product.royalty_share,
            vat_rate=rate,
        )
    return order


def pay_order(order: Order) -> Order:
    """Pay through the configured Stripe (localstripe in tests) with a test card, then apply it as checkout does."""
    from shop import gateway
    from shop.services.orders import order_mark_paid

    intent = gateway.intent_create(
        amount_cents=order.total_cents, order_number=order.number, manual_capture=False, idempotency_key=order.number
    )
    Order.objects.filter(pk=order.pk).update(payment_intent_id=intent.id)
    confirmed = gateway.intent_test_confirm(intent_id=intent.id, idempotency_key=f"{order.number}-confirm")
    assert confirmed.status == "succeeded"
    return order_mark_paid(order_id=order.pk)
