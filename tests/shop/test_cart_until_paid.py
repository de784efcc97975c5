"""The cart keeps its items until the order is paid; paying takes out exactly the paid items, once."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.utils import timezone

from shop.cart import MemberCart, SessionCart
from shop.models import Campaign, Order, OrderStatus
from shop.services.campaigns import campaign_start
from shop.services.cart import cart_settle_paid
from shop.services.checkout import order_create
from shop.services.orders import order_mark_paid
from shop.services.payments import order_test_pay
from tests.factories.accounts import UserFactory
from tests.factories.shop import checkout_post, make_product

pytestmark = pytest.mark.django_db


def test_checkout_keeps_the_cart_and_paying_removes_only_what_was_paid(client, stripe_on):
    buyer = UserFactory()
    client.force_login(buyer)
    tee, mug = make_product(stock=9).variants.get(), make_product(stock=9).variants.get()
    client.post("/shop/cart/add/", {"variant": tee.pk, "quantity": 2})
    checkout_post(client)
    order = Order.objects.get(user=buyer)
    assert MemberCart(buyer).items() == {tee.pk: 2}
    assert "Product" in client.get("/shop/cart/").content.decode()
    # More added in another tab before paying stays in the cart.
    client.post("/shop/cart/add/", {"variant": tee.pk, "quantity": 1})
    client.post("/shop/cart/add/", {"variant": mug.pk, "quantity": 1})

    client.post(f"/shop/orders/{order.number}/test-pay/", {"card": "pm_card_visa"})

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert MemberCart(buyer).items() == {tee.pk: 1, mug.pk: 1}
    # A repeated "paid" (the webhook after the test payment) takes nothing out a second time.
    order_mark_paid(order_id=order.pk)
    assert MemberCart(buyer).items() == {tee.pk: 1, mug.pk: 1}


def test_a_preorder_leaves_the_cart_when_authorised_and_not_again_when_captured(stripe_on):
    editor = UserFactory(is_superuser=True)
    product = make_product(made_to_order=True, stock=0, price="15.00")
    campaign = campaign_start(product=product, actor=editor, goal_units=1, ends_at=timezone.now() + timedelta(days=3))
    variant = product.variants.get()
    buyer = UserFactory()
    cart = MemberCart(buyer)
    cart.set(variant.pk, 3)
    order = order_create(user=buyer, cart=cart)
    assert cart.items() == {variant.pk: 3}

    order = order_test_pay(order=order, user=buyer)
    assert order.status == OrderStatus.AUTHORIZED
    assert cart.items() == {}

    cart.set(variant.pk, 1)  # wants one more later
    Campaign.objects.filter(pk=campaign.pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    call_command("close_campaigns")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert cart.items() == {variant.pk: 1}


def test_a_visitors_session_cart_loses_the_paid_items_once():
    variant = make_product(stock=9).variants.get()
    other = make_product(stock=9).variants.get()
    session = SessionStore()
    cart = SessionCart(session)
    cart.set(variant.pk, 2)
    cart.set(other.pk, 1)
    order = Order.objects.create(email="guest@example.org", total=variant.product.price * 2)
    order.lines.create(
        product=variant.product,
        variant=variant,
        title="t",
        sku=variant.sku,
        unit_price=variant.product.price,
        quantity=2,
        royalty_share=variant.product.royalty_share,
    )

    cart_settle_paid(cart=cart, order=order)  # pending: nothing happens
    assert cart.items() == {variant.pk: 2, other.pk: 1}

    Order.objects.filter(pk=order.pk).update(status=OrderStatus.PAID)
    order.refresh_from_db()
    cart_settle_paid(cart=cart, order=order)
    assert cart.items() == {other.pk: 1}
    cart.set(variant.pk, 2)  # bought again, not paid yet
    cart_settle_paid(cart=cart, order=order)
    assert cart.items() == {other.pk: 1, variant.pk: 2}
