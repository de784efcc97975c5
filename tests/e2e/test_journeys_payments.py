"""A newcomer pays on the embedded default (localstripe), and keeps order and cart while Stripe is down.

The site's Stripe is a real localstripe server (tests/shop/conftest.py), as `make run` starts it;
"Stripe down" points the site at a closed local port, and "back" points it at localstripe again.
Every step is a click in Chromium.
"""

from __future__ import annotations

import socket

import pytest

from shop.models import Order, OrderStatus
from tests.e2e.conftest import axe_violations, log_in, place_order, screenshot
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.shop import make_product
from tests.shop import conftest as shop_fixtures
from tests.shop.conftest import ls_get

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

localstripe = shop_fixtures.localstripe
stripe_on = shop_fixtures.stripe_on


@pytest.fixture
def product():
    maker = UserFactory(email="e2e.paymaker@example.org", handle="e2e-paymaker", display_name="Pia Print")
    design = DesignFactory(maker=maker, title="Night Moths", slug="night-moths", state="on_sale")
    item = make_product(design=design, price="24.00", stock=4)
    item.title = "Night Moths Tote"
    item.save(update_fields=["title"])
    return item


def _cart_count(tab) -> str:
    badge = tab.locator(".site-header .cart-link__count")
    return badge.inner_text() if badge.is_visible() else "0"


def _add_and_open_cart_from_header(tab, product) -> None:
    tab.goto(product.get_absolute_url())
    assert _cart_count(tab) == "0"
    tab.get_by_role("button", name="Add to cart").click()
    status = tab.locator(".buy-form .form-status", has_text="Added to your cart")
    status.wait_for()
    assert _cart_count(tab) == "1"  # the header updated in place
    assert status.get_by_role("link", name="View your cart").get_attribute("href") == "/shop/cart/"
    with tab.expect_navigation():
        tab.locator(".site-header").get_by_role("link", name="Cart").click()
    assert tab.url.endswith("/shop/cart/")
    line = tab.locator(".cart-line")
    assert line.count() == 1 and "Night Moths Tote" in line.inner_text()
    assert line.locator(".cart-line__thumb img").count() == 1


def _check_out(tab) -> Order:
    with tab.expect_navigation():
        tab.get_by_role("link", name="Check out").click()
    place_order(tab)
    assert tab.url.endswith("/pay/")
    return Order.objects.get(number=tab.url.rstrip("/").split("/")[-2])


def test_newcomer_buys_from_the_header_linked_cart_with_the_test_card_on_a_phone(phone, product, stripe_on):
    newcomer = UserFactory(email="e2e.newcomer@example.org", handle="e2e-newcomer")
    log_in(phone, newcomer.email, PASSWORD)
    _add_and_open_cart_from_header(phone, product)
    screenshot(phone, "pay-phone-cart")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "the cart scrolls sideways"
    assert axe_violations(phone) == []

    order = _check_out(phone)
    assert "Test mode: no real card is charged." in phone.content()
    assert axe_violations(phone) == []
    assert _cart_count(phone) == "1"  # kept until paid
    with phone.expect_navigation():
        phone.get_by_role("button", name="Pay with a test card").click()

    assert "Payment status: Paid." in phone.locator(".messages").inner_text()
    assert phone.url.endswith(order.get_absolute_url())
    assert _cart_count(phone) == "0"
    screenshot(phone, "pay-phone-paid")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")["status"] == "succeeded"


def test_stripe_down_clear_message_order_pending_cart_kept_then_pay_now_works(page, product, stripe_on, settings):
    buyer = UserFactory(email="e2e.patient@example.org", handle="e2e-patient")
    log_in(page, buyer.email, PASSWORD)
    _add_and_open_cart_from_header(page, product)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port}"  # Stripe is down

    order = _check_out(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Pay with a test card").click()

    alert = page.locator(".messages")
    assert "Our payment provider is not answering right now" in alert.inner_text()
    assert page.url.endswith(order.get_absolute_url())
    assert "Awaiting payment" in page.locator(".facts").inner_text()
    assert _cart_count(page) == "1"
    screenshot(page, "pay-stripe-down")
    assert axe_violations(page) == []
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING

    settings.STRIPE_API_BASE = stripe_on  # Stripe is back
    page.goto("/account/orders/")
    row = page.locator(".order-list li", has_text=order.number)
    with page.expect_navigation():
        row.get_by_role("link", name=f"Pay order {order.number} now").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Pay with a test card").click()

    assert "Payment status: Paid." in page.locator(".messages").inner_text()
    assert _cart_count(page) == "0"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    page.goto("/shop/cart/")
    assert "Your cart is empty." in page.locator("main").inner_text()


def test_a_declined_test_card_says_so_and_another_card_pays(page, product, stripe_on):
    buyer = UserFactory(email="e2e.declined@example.org", handle="e2e-declined")
    log_in(page, buyer.email, PASSWORD)
    _add_and_open_cart_from_header(page, product)
    order = _check_out(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Try a declined test card").click()
    assert "Your card was declined and nothing was charged" in page.locator(".messages").inner_text()
    assert _cart_count(page) == "1"
    with page.expect_navigation():
        page.get_by_role("link", name="Pay now").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Pay with a test card").click()
    assert "Payment status: Paid." in page.locator(".messages").inner_text()
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
