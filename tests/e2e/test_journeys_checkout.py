"""A newcomer checks out as a guest: header-linked cart, German address, shipping and VAT, the test card.

Stripe is a real localstripe server (tests/shop/conftest.py), as `make run` starts it. Every step is a click.
"""

from __future__ import annotations

import pytest
from django.core import mail

from shop.models import Order, OrderStatus
from tests.e2e.conftest import GERMAN_ADDRESS, axe_violations, screenshot
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.shop import make_product
from tests.shop import conftest as shop_fixtures
from tests.shop.conftest import ls_get

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

localstripe = shop_fixtures.localstripe
stripe_on = shop_fixtures.stripe_on

GUEST = "e2e.guest@example.org"


@pytest.fixture
def product():
    maker = UserFactory(email="e2e.checkoutmaker@example.org", handle="e2e-checkoutmaker", display_name="Cleo Cut")
    design = DesignFactory(maker=maker, title="Salt Marsh", slug="salt-marsh", state="on_sale")
    item = make_product(design=design, price="23.80", stock=5)
    item.title = "Salt Marsh Tee"
    item.manufacturer = "Commonmade Print GmbH, Musterstraße 12, 10115 Berlin"
    item.save(update_fields=["title", "manufacturer"])
    return item


def test_guest_buys_with_a_german_address_sees_shipping_and_vat_and_pays_with_the_test_card(page, product, stripe_on):
    mail.outbox.clear()
    page.goto(product.get_absolute_url())
    info = page.locator(".product__info").inner_text()
    assert "incl. VAT, plus shipping" in info and "Delivery to Germany in 2–4 working days" in info
    assert "Commonmade Print GmbH" in page.locator(".product__safety").inner_text()
    page.get_by_role("button", name="Add to cart").click()
    page.locator(".buy-form .form-status", has_text="Added to your cart").wait_for()
    with page.expect_navigation():
        page.locator(".site-header").get_by_role("link", name="Cart").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Check out").click()

    page.get_by_label("Email").fill(GUEST)
    for label, value in GERMAN_ADDRESS.items():
        page.get_by_label(label, exact=False).first.fill(value)
    # Austria first: the page recomputes at once (20 % VAT from the German net, EU shipping).
    with page.expect_navigation():
        page.locator("select[name=country]").select_option("AT")
    totals = page.locator(".totals").inner_text()
    assert "incl. 20 % VAT (Austria)" in totals and "24.00" in totals  # 23.80 / 1.19 × 1.20
    assert page.get_by_label("Email").input_value() == GUEST  # nothing typed is lost
    with page.expect_navigation():
        page.locator("select[name=country]").select_option("DE")
    totals = page.locator(".totals").inner_text()
    # Germany: 23.80 + 4.90 shipping = 28.70, of which 19 % VAT 4.58.
    assert "4.90" in totals and "28.70" in totals and "incl. 19 % VAT (Germany)" in totals and "4.58" in totals
    assert "2–4 working days" in page.locator("main").inner_text()
    for name in ("terms and conditions", "withdrawal policy", "shipping and payment"):
        assert page.locator("form.checkout").get_by_role("link", name=name).count() == 1
    screenshot(page, "checkout-guest-germany")
    assert axe_violations(page) == []
    page.locator("input[name=accept_terms]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Order and pay").click()

    assert page.url.endswith("/pay/")
    order = Order.objects.get(email=GUEST)
    assert order.user is None and order.total_cents == 2870 and order.shipping_city == "Berlin"
    assert any(order.get_absolute_url() in m.body for m in mail.outbox)  # the signed link for later
    with page.expect_navigation():
        page.get_by_role("button", name="Pay with a test card").click()
    assert "Payment status: Paid." in page.locator(".messages").inner_text()
    assert page.locator(".site-header .cart-link__count").is_hidden()  # the cart is empty now
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")["amount"] == 2870
    assert "Erika Mustermann" in page.locator("main").inner_text()
