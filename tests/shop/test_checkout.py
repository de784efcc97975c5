"""Checkout end to end through localstripe: pending order with a snapshot, test payment, stock, email, royalties."""

from decimal import Decimal

import pytest
from django.core import mail

from makers.models import RoyaltyEntry
from makers.selectors import royalty_summary
from shop import forms as shop_forms
from shop.gateway import TestCard
from shop.models import Order, OrderStatus
from shop.services import payments as payments_services
from tests.factories.accounts import UserFactory
from tests.factories.shop import checkout_post, make_product
from tests.shop.conftest import charge_id, ls_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(client):
    user = UserFactory()
    client.force_login(user)
    return user


def _add(client, variant, quantity=1, **extra):
    return client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": quantity, **extra})


def test_checkout_creates_pending_order_with_snapshot_then_paying_creates_the_payment_intent(client, buyer, stripe_on):
    product = make_product(price="25.00", stock=5)
    variant = product.variants.get()
    _add(client, variant, 2)
    response = checkout_post(client)
    order = Order.objects.get(user=buyer)
    assert response.status_code == 302 and response["Location"] == f"/shop/orders/{order.number}/pay/"
    assert order.status == OrderStatus.PENDING
    # Two T-shirts to Germany: 2 × 25.00 + shipping 4.90 for the first and 1.00 for the second.
    assert (order.subtotal, order.shipping_cost, order.total) == (Decimal("50.00"), Decimal("5.90"), Decimal("55.90"))
    assert (order.shipping_country, order.shipping_postcode, order.shipping_city) == ("DE", "10115", "Berlin")
    line = order.lines.get()
    assert (line.unit_price, line.quantity, line.sku, line.royalty_share) == (
        Decimal("25.00"),
        2,
        variant.sku,
        Decimal("0.150"),
    )
    # Checkout calls no Stripe: with Stripe down the order is still taken, and paid later.
    assert order.payment_intent_id is None
    client.post(f"/shop/orders/{order.number}/test-pay/")
    order.refresh_from_db()
    intent = ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")
    assert intent["amount"] == 5590 and intent["currency"] == "eur"
    assert intent["metadata"]["order"] == order.number
    # The price snapshot holds even when the price changes later.
    product.price = Decimal("99.00")
    product.save()
    line.refresh_from_db()
    assert line.unit_price == Decimal("25.00")


def test_test_payment_marks_paid_decrements_stock_emails_and_earns_royalty(
    client, buyer, stripe_on, django_capture_on_commit_callbacks
):
    product = make_product(price="30.00", stock=3)
    variant = product.variants.get()
    _add(client, variant, 1)
    checkout_post(client)
    order = Order.objects.get(user=buyer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/shop/orders/{order.number}/test-pay/")
    assert response.status_code == 302
    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.paid_at
    assert variant.stock == 2
    assert ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")["status"] == "succeeded"
    assert any(order.number in m.subject and m.to == [buyer.email] for m in mail.outbox)
    entry = RoyaltyEntry.objects.get(order_line__order=order)
    assert entry.maker_id == product.design.maker_id and entry.amount == Decimal("4.50")
    assert royalty_summary(maker=product.design.maker)["balance"] == Decimal("4.50")
    page = client.get(f"/account/orders/{order.number}/")
    assert "Paid" in page.content.decode()


def test_paying_an_already_paid_order_is_refused_without_a_second_charge(
    client, buyer, stripe_on, django_capture_on_commit_callbacks
):
    variant = make_product(stock=3).variants.get()
    _add(client, variant)
    checkout_post(client)
    order = Order.objects.get(user=buyer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/shop/orders/{order.number}/test-pay/")
        response = client.post(f"/shop/orders/{order.number}/test-pay/", follow=True)
    assert "This order is already paid." in response.content.decode()
    variant.refresh_from_db()
    assert variant.stock == 2
    assert RoyaltyEntry.objects.count() == 1
    assert client.get(f"/shop/orders/{order.number}/pay/").status_code == 302


def test_checkout_with_an_empty_cart_says_so_and_creates_nothing(client, buyer, stripe_on):
    response = checkout_post(client)
    assert response.status_code == 400
    assert "Your cart is empty." in response.content.decode()
    assert not Order.objects.exists()


def test_oversold_line_is_refunded_with_a_message(client, buyer, stripe_on, django_capture_on_commit_callbacks):
    product = make_product(price="20.00", stock=1, variants=2)
    first, second = product.variants.all()
    _add(client, first, 1)
    _add(client, second, 1)
    checkout_post(client)
    order = Order.objects.get(user=buyer)
    # Someone else bought the last unit of the first variant while this buyer was paying.
    type(first).objects.filter(pk=first.pk).update(stock=0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/shop/orders/{order.number}/test-pay/")
    order.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert (first.stock, second.stock) == (0, 0)
    assert order.refunded_amount == Decimal("20.00")
    assert "sold out" in order.note
    line = order.lines.get(variant=first)
    assert line.refunded_quantity == 1
    intent = ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")
    charge = ls_get(stripe_on, f"/v1/charges/{charge_id(intent['latest_charge'])}")
    assert charge["amount_refunded"] == 2000
    # Royalty only for the line that was delivered.
    assert list(RoyaltyEntry.objects.values_list("order_line__variant_id", flat=True)) == [second.pk]


def test_declined_card_marks_the_order_failed_and_it_can_be_paid_again(client, buyer, stripe_on):
    variant = make_product(stock=2).variants.get()
    _add(client, variant)
    checkout_post(client)
    order = Order.objects.get(user=buyer)
    client.post(f"/shop/orders/{order.number}/test-pay/", {"card": "pm_card_chargeCustomerFail"})
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED
    variant.refresh_from_db()
    assert variant.stock == 2
    assert client.get(f"/shop/orders/{order.number}/pay/").status_code == 200


@pytest.mark.parametrize("card", ["pm_card_mastercard", "pm_card_visa ", "PM_CARD_VISA"])
def test_a_card_that_is_not_a_test_card_is_a_form_error_and_pays_nothing(client, buyer, stripe_on, card):
    variant = make_product(stock=2).variants.get()
    _add(client, variant)
    checkout_post(client)
    order = Order.objects.get(user=buyer)
    response = client.post(f"/shop/orders/{order.number}/test-pay/", {"card": card})
    assert response.status_code == 400
    assert "Please pay with one of the test cards on this page." in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and not order.payment_intent_id
    variant.refresh_from_db()
    assert variant.stock == 2


def test_the_test_payment_takes_a_test_card_never_a_string(client, buyer, stripe_on):
    _add(client, make_product(stock=2).variants.get())
    checkout_post(client)
    order = Order.objects.get(user=buyer)
    with pytest.raises(ValueError):
        payments_services.order_test_pay(order=order, user=buyer, payment_method="pm_card_visa")
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and order.payment_claimed_at is None


def test_the_test_pay_form_reads_a_test_card():
    declined = shop_forms.TestPayForm({"card": "pm_card_chargeCustomerFail"})
    assert declined.is_valid() and declined.cleaned_data["card"] is TestCard.DECLINED
    empty = shop_forms.TestPayForm({})
    assert empty.is_valid() and empty.cleaned_data["card"] is TestCard.VISA
    assert not shop_forms.TestPayForm({"card": "pm_card_amex"}).is_valid()


def test_test_payments_are_refused_with_live_keys(client, buyer, stripe_on, settings):
    variant = make_product(stock=2).variants.get()
    _add(client, variant)
    checkout_post(client)
    order = Order.objects.get(user=buyer)
    settings.STRIPE_SECRET_KEY = "sk_live_xyz"
    response = client.post(f"/shop/orders/{order.number}/test-pay/")
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_someone_elses_order_is_a_404(client, stripe_on):
    owner = UserFactory()
    client.force_login(owner)
    _add(client, make_product().variants.get())
    checkout_post(client)
    order = Order.objects.get(user=owner)
    client.force_login(UserFactory())
    assert client.get(f"/account/orders/{order.number}/").status_code == 404
    assert client.get(f"/shop/orders/{order.number}/pay/").status_code == 404
    assert client.post(f"/shop/orders/{order.number}/test-pay/").status_code == 404
    assert client.post(f"/account/orders/{order.number}/buy-again/").status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
