"""Journeys 4 and 5 (buy with a test payment, review), accessibility and phone layout of the shop pages.

Payments run against a real localstripe server (tests/shop/conftest.py). The order is paid by the
site's server-side test confirmation path (SHOP_TEST_PAYMENTS with test keys), which confirms the
PaymentIntent on localstripe and marks the order paid in the same request: no webhook is needed for
that. The journey then posts a correctly signed `payment_intent.succeeded` event for the same
PaymentIntent to the live server's webhook URL, as Stripe would, and checks that it changes nothing
a second time.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import requests
from django.core import mail

from makers.models import RoyaltyEntry
from shop.models import Order, OrderStatus, Review
from tests.e2e.conftest import axe_violations, log_in, place_order, screenshot
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.shop import make_product
from tests.shop import conftest as shop_fixtures
from tests.shop.conftest import event_for, ls_get, sign

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The shop tests' fixtures: a localstripe server for this run, and the settings that point the site at it.
localstripe = shop_fixtures.localstripe
stripe_on = shop_fixtures.stripe_on


@pytest.fixture
def product():
    maker = UserFactory(email="e2e.shopmaker@example.org", handle="e2e-shopmaker", display_name="Ina Ink")
    design = DesignFactory(maker=maker, title="Paper Cranes", slug="paper-cranes", state="on_sale")
    item = make_product(design=design, price="30.00", stock=3, royalty_share="0.15")
    item.title = "Paper Cranes Tee"
    item.description = "Soft cotton with a flock of cranes."
    item.save(update_fields=["title", "description"])
    return item


def _fill_cart(page, product) -> None:
    page.goto(product.get_absolute_url())
    page.get_by_role("button", name="Add to cart").click()
    page.locator(".buy-form .form-status", has_text="Added to your cart").wait_for()


def _buy(page, product) -> None:
    """Add to cart on the product page, check out and pay with the test card."""
    _fill_cart(page, product)
    page.goto("/shop/cart/")
    assert "Paper Cranes Tee" in page.locator(".cart-lines").inner_text()
    assert "30.00\u00a0€" in page.locator(".cart-total").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Check out").click()
    assert page.url.endswith("/shop/checkout/")
    place_order(page)
    assert page.url.endswith("/pay/")
    assert "Test mode: no real card is charged." in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="Pay with a test card").click()
    assert "Payment status: Paid." in page.locator(".messages, .message").first.inner_text()


def test_buyer_pays_with_a_test_card_order_paid_stock_down_royalty_on_dashboard(page, product, stripe_on, live_server):
    buyer = UserFactory(email="e2e.buyer@example.org", handle="e2e-buyer")
    variant = product.variants.get()
    mail.outbox.clear()

    log_in(page, buyer.email, PASSWORD)
    _buy(page, product)

    order = Order.objects.get(user=buyer)
    # 30.00 € and 4.90 € shipping to Germany.
    assert order.status == OrderStatus.PAID and order.total == Decimal("34.90")
    variant.refresh_from_db()
    assert variant.stock == 2
    intent = ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")
    assert (intent["status"], intent["amount"]) == ("succeeded", 3490)
    assert any(order.number in m.subject and m.to == [buyer.email] for m in mail.outbox)

    page.goto("/account/orders/")
    row = page.locator(".order-list li", has_text=order.number)
    assert row.locator(".badge").inner_text() == "Paid"
    assert "34.90\u00a0€" in row.inner_text()
    page.goto(product.get_absolute_url())
    assert "only 2 left" in page.locator(".variant-picker").inner_text()

    # Stripe's own event for the same payment arrives later, signed: handled once, no second effect.
    payload = json.dumps(event_for(intent, "payment_intent.succeeded", "evt_e2e_paper_cranes")).encode()
    for _ in range(2):
        response = requests.post(
            f"{live_server.url}/shop/stripe/webhook/",
            data=payload,
            headers={"Content-Type": "application/json", "Stripe-Signature": sign(payload)},
            timeout=10,
        )
        assert response.status_code == 200, response.text
    variant.refresh_from_db()
    assert variant.stock == 2
    assert RoyaltyEntry.objects.filter(order_line__order=order).count() == 1

    # The maker sees the royalty: 15 % of 30.00 €.
    page.context.clear_cookies()
    log_in(page, product.design.maker.email, PASSWORD)
    page.goto("/dashboard/")
    royalties = page.locator("section[aria-labelledby=royalties-title]")
    assert "4.50\u00a0€" in royalties.locator("table").inner_text()
    assert page.locator("#royalties-title").count() == 1


def test_buyer_reviews_the_product_and_a_non_buyer_cannot(page, product, stripe_on):
    buyer = UserFactory(email="e2e.reviewer@example.org", handle="e2e-reviewer", display_name="Rita Reviewer")
    stranger = UserFactory(email="e2e.stranger@example.org", handle="e2e-stranger")

    log_in(page, buyer.email, PASSWORD)
    _buy(page, product)
    page.goto(product.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Review this product").click()
    page.get_by_label("4 of 5 stars").check()
    page.get_by_label("Review:", exact=True).fill("The cranes look *lovely* after three washes.")
    with page.expect_navigation():
        page.get_by_role("button", name="Publish review").click()
    assert page.url.endswith(product.get_absolute_url())
    assert "Thank you for your review." in page.locator(".messages, .message").first.inner_text()
    review = page.locator(".reviews article.review")
    assert review.count() == 1
    assert "Rita Reviewer" in review.inner_text() and "Verified purchase" in review.inner_text()
    assert review.locator(".review__text em").inner_text() == "lovely"
    assert "4.0 of 5 stars from 1 review" in page.locator(".product-rating").inner_text()
    assert Review.objects.get(product=product).author == buyer

    # A member who did not buy sees no review link, and the review page refuses with a message.
    page.context.clear_cookies()
    log_in(page, stranger.email, PASSWORD)
    page.goto(product.get_absolute_url())
    assert page.get_by_role("link", name="Review this product").count() == 0
    response = page.goto(f"{product.get_absolute_url()}review/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Reviews are for buyers"
    assert "Only members who bought “Paper Cranes Tee” recently can review it." in page.content()
    assert page.locator("textarea").count() == 0
    assert Review.objects.filter(product=product).count() == 1


@pytest.mark.parametrize("which", ["product", "cart", "checkout", "pay"])
def test_shop_pages_have_no_serious_accessibility_violations(page, product, which, request):
    if which == "product":
        page.goto(product.get_absolute_url())
    else:
        buyer = UserFactory()
        log_in(page, buyer.email, PASSWORD)
        _fill_cart(page, product)
        page.goto({"cart": "/shop/cart/", "checkout": "/shop/checkout/", "pay": "/shop/checkout/"}[which])
        if which == "pay":
            request.getfixturevalue("stripe_on")
            place_order(page)
            assert page.url.endswith("/pay/")
    assert axe_violations(page) == []


def _no_horizontal_scroll(tab) -> bool:
    # A phone widens its layout viewport to the content (innerWidth grows too): compare with the screen.
    return tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]


def test_product_page_and_cart_fit_a_phone_without_horizontal_scrolling(phone, product):
    product.title = "Paper Cranes Tee with an unusually long product title that must wrap"
    product.save(update_fields=["title"])
    phone.goto(product.get_absolute_url())
    screenshot(phone, "phone-product")
    assert _no_horizontal_scroll(phone), "the product page scrolls sideways at 390 px"
    # A visitor's cart lives in the session.
    phone.get_by_role("button", name="Add to cart").click()
    phone.locator(".buy-form .form-status", has_text="Added to your cart").wait_for()
    phone.goto("/shop/cart/")
    assert phone.locator(".cart-line").count() == 1
    screenshot(phone, "phone-cart")
    assert _no_horizontal_scroll(phone), "the cart scrolls sideways at 390 px"
