"""Whatever Stripe does, the buyer gets a clear message, the order stays payable and the cart is kept.

Every fault is a real connection: a closed port (Stripe down), a server that accepts and never
answers (a timeout), localstripe declining a test card or answering 404 for an unknown
PaymentIntent (a refused request), and a gate in front of localstripe that holds one payment
while a second request for the same order arrives (409). No Stripe client is patched.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler

import pytest
import requests
from django.test import Client

from shop.models import CartItem, Order, OrderStatus
from shop.services.payments import order_payment_claim
from tests.factories.accounts import UserFactory
from tests.factories.shop import checkout_post, make_product
from tests.security.live import closed_port, http_server
from tests.shop.conftest import ls_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_stripe():
    """Accepts connections (the kernel's backlog) and never answers a byte."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


@pytest.fixture
def buyer(client):
    user = UserFactory()
    client.force_login(user)
    return user


def _checkout(client, buyer, *, stock=3, quantity=1):
    variant = make_product(price="20.00", stock=stock).variants.get()
    client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": quantity})
    response = checkout_post(client)
    assert response.status_code == 302
    return Order.objects.get(user=buyer), variant


def _cart(buyer) -> dict[int, int]:
    return dict(CartItem.objects.filter(cart__user=buyer).values_list("variant_id", "quantity"))


def _pay(client, order, card="pm_card_visa"):
    return client.post(f"/shop/orders/{order.number}/test-pay/", {"card": card}, follow=True)


def _said(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_checkout_takes_the_order_while_stripe_is_down(client, buyer, stripe_on, settings):
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"
    order, variant = _checkout(client, buyer)
    assert order.status == OrderStatus.PENDING and order.payment_intent_id is None
    assert _cart(buyer) == {variant.pk: 1}


def test_stripe_down_clear_message_order_pending_cart_kept_then_pay_now_works(client, buyer, stripe_on, settings):
    order, variant = _checkout(client, buyer)
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"

    response = _pay(client, order)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == order.get_absolute_url()
    assert "Our payment provider is not answering right now" in _said(response)
    assert "Pay now" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and order.payment_intent_id is None
    assert order.payment_claimed_at is None  # the claim was given back
    assert _cart(buyer) == {variant.pk: 1}
    variant.refresh_from_db()
    assert variant.stock == 3
    # The order list offers to pay it.
    listing = client.get("/account/orders/").content.decode()
    assert f"/shop/orders/{order.number}/pay/" in listing

    settings.STRIPE_API_BASE = stripe_on  # Stripe is back
    assert client.get(f"/shop/orders/{order.number}/pay/").status_code == 200
    response = _pay(client, order)

    assert "Payment status: Paid." in _said(response)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")["status"] == "succeeded"
    assert _cart(buyer) == {}


def test_stripe_timing_out_clear_message_order_pending_cart_kept(client, buyer, stripe_on, settings, silent_stripe):
    order, variant = _checkout(client, buyer)
    settings.STRIPE_API_BASE = silent_stripe
    settings.STRIPE_TIMEOUT = 0.5

    response = _pay(client, order)

    assert "Our payment provider is not answering right now" in _said(response)
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and order.payment_claimed_at is None
    assert _cart(buyer) == {variant.pk: 1}


def test_payment_page_with_the_payment_element_and_stripe_down_says_so(client, buyer, stripe_on, settings):
    """Without the test-card path the payment page needs a PaymentIntent from Stripe first."""
    order, _variant = _checkout(client, buyer)
    settings.SHOP_TEST_PAYMENTS = False
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"

    response = client.get(f"/shop/orders/{order.number}/pay/", follow=True)

    assert response.redirect_chain[-1][0] == order.get_absolute_url()
    assert "Our payment provider is not answering right now" in _said(response)
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING

    settings.STRIPE_API_BASE = stripe_on
    response = client.get(f"/shop/orders/{order.number}/pay/")
    assert response.status_code == 200 and 'id="payment-element"' in response.content.decode()
    order.refresh_from_db()
    # 20.00 € and 4.90 € shipping to Germany.
    assert ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")["amount"] == 2490


def test_declined_card_clear_message_order_payable_cart_kept_then_another_card_pays(client, buyer, stripe_on):
    order, variant = _checkout(client, buyer)

    response = _pay(client, order, card="pm_card_chargeCustomerFail")

    assert "Your card was declined and nothing was charged" in _said(response)
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED and order.is_payable
    assert _cart(buyer) == {variant.pk: 1}

    response = _pay(client, order)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert _cart(buyer) == {}


def test_a_refused_request_clear_message_order_pending(client, buyer, stripe_on):
    """A PaymentIntent Stripe does not know (e.g. the keys changed account): a 404 from Stripe."""
    order, variant = _checkout(client, buyer)
    Order.objects.filter(pk=order.pk).update(payment_intent_id="pi_unknown_to_stripe")

    response = _pay(client, order)

    assert "Our payment provider refused this payment request" in _said(response)
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and order.payment_claimed_at is None
    assert _cart(buyer) == {variant.pk: 1}


def test_a_payment_already_under_way_answers_409_and_changes_nothing(client, buyer, stripe_on):
    order, _variant = _checkout(client, buyer)
    order_payment_claim(order=order)

    response = client.post(f"/shop/orders/{order.number}/test-pay/", {"card": "pm_card_visa"})

    assert response.status_code == 409
    assert "A payment for this order is already under way" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and order.payment_intent_id is None


def test_an_abandoned_claim_expires(client, buyer, stripe_on):
    from datetime import timedelta

    from django.utils import timezone

    order, _variant = _checkout(client, buyer)
    Order.objects.filter(pk=order.pk).update(payment_claimed_at=timezone.now() - timedelta(minutes=6))

    _pay(client, order)

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


class _Gate(BaseHTTPRequestHandler):
    """Forwards to localstripe, holding the first request until the test opens the gate."""

    upstream = ""
    first_request = threading.Event()
    open_gate = threading.Event()
    paths: list[str] = []

    def _forward(self):
        self.paths.append(f"{self.command} {self.path}")
        if not self.first_request.is_set():
            self.first_request.set()
            self.open_gate.wait(timeout=30)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
        upstream = requests.request(self.command, self.upstream + self.path, data=body, headers=headers, timeout=10)
        self.send_response(upstream.status_code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(upstream.content)))
        self.end_headers()
        self.wfile.write(upstream.content)

    do_GET = do_POST = _forward  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_payments_of_one_order_at_once_one_pays_the_other_gets_409(stripe_on, settings):
    buyer = UserFactory()
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(buyer)
    tab_b.force_login(buyer)
    variant = make_product(price="20.00", stock=3).variants.get()
    tab_a.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1})
    checkout_post(tab_a)
    order = Order.objects.get(user=buyer)

    gate = type(
        "Gate",
        (_Gate,),
        {"upstream": stripe_on, "first_request": threading.Event(), "open_gate": threading.Event(), "paths": []},
    )
    results = {}
    with http_server(gate) as url:
        settings.STRIPE_API_BASE = url

        def pay_in_tab_a():
            results["a"] = tab_a.post(f"/shop/orders/{order.number}/test-pay/", {"card": "pm_card_visa"}).status_code

        first = threading.Thread(target=pay_in_tab_a)
        first.start()
        try:
            assert gate.first_request.wait(timeout=30), "the first payment never reached Stripe"
            # Tab A holds the claim and waits for Stripe: tab B is told, and nothing is locked meanwhile.
            second = tab_b.post(f"/shop/orders/{order.number}/test-pay/", {"card": "pm_card_visa"})
            assert second.status_code == 409
            assert tab_b.get("/account/orders/").status_code == 200
        finally:
            gate.open_gate.set()
            first.join(timeout=60)
    assert results["a"] == 302
    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.payment_claimed_at is None
    assert variant.stock == 2
    # Once paid, a late second click is a clear "already paid", not a second charge.
    again = tab_b.post(f"/shop/orders/{order.number}/test-pay/", {"card": "pm_card_visa"}, follow=True)
    assert "This order is already paid." in _said(again)
    # Only tab A ever spoke to Stripe: one PaymentIntent, confirmed once.
    assert [p for p in gate.paths if p.startswith("POST")] == [
        "POST /v1/payment_intents",
        f"POST /v1/payment_intents/{order.payment_intent_id}",
        f"POST /v1/payment_intents/{order.payment_intent_id}/confirm",
    ]


def test_a_guest_with_stripe_down_keeps_order_and_cart_and_pays_later_from_the_signed_link(stripe_on, settings):
    guest = Client()
    variant = make_product(price="20.00", stock=3).variants.get()
    guest.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1})
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"
    assert checkout_post(guest, email="down.guest@example.org").status_code == 302
    order = Order.objects.get(email="down.guest@example.org")
    response = guest.post(f"/shop/orders/{order.access_token}/test-pay/", {"card": "pm_card_visa"}, follow=True)
    assert response.redirect_chain[-1][0] == order.get_absolute_url()  # the signed page, not a login
    assert "Our payment provider is not answering right now" in _said(response)
    assert "Pay now" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert variant.product.title in guest.get("/shop/cart/").content.decode()  # the cart is kept
    settings.STRIPE_API_BASE = stripe_on  # back: the link from the email pays it
    response = guest.post(f"/shop/orders/{order.access_token}/test-pay/", {"card": "pm_card_visa"}, follow=True)
    assert "Payment status: Paid." in _said(response)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert "Your cart is empty." in guest.get("/shop/cart/").content.decode()
