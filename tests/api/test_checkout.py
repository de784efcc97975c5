"""Checkout over the API: the quote from the shop's pricing, one order per Idempotency-Key, payment via localstripe."""

import uuid
from decimal import Decimal

import pytest
from django.test import Client

from shop.models import Address, Order, OrderStatus
from tests.api.conftest import ApiClient, problem_of
from tests.factories.shop import GERMAN_ADDRESS, make_product
from tests.factories.voting import VoterFactory

pytestmark = pytest.mark.django_db

QUOTE = "/api/v1/checkout/quote/"
ORDER = "/api/v1/checkout/order/"
AUSTRIAN_ADDRESS = {"name": "Max Muster", "line1": "Ringstraße 1", "postcode": "1010", "city": "Wien", "country": "AT"}


@pytest.fixture
def tee(api):
    """Two T-shirts at 23.80 € (incl. 19 % German VAT) in the member's cart."""
    variant = make_product(price="23.80", stock=10).variants.get()
    assert api.post("/api/v1/cart/items/", {"variant_id": variant.pk, "quantity": 2}).status_code == 200
    return variant


def place(api, data=None, key=None, **extra):
    body = {"address": GERMAN_ADDRESS, "accept_terms": True, **(data or {})}
    return api.post(ORDER, body, HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()), **extra)


# --- quote -------------------------------------------------------------------------------


def test_quote_for_germany_prices_goods_shipping_and_the_vat_contained(api, tee):
    body = api.post(QUOTE, {"address": GERMAN_ADDRESS}).json()
    assert (body["country"], body["deliverable"], body["subtotal"]) == ("DE", True, "47.60")
    names = [option["name"] for option in body["shipping_options"]]
    assert names == ["Standard (DHL)", "Express (DHL Express)"]
    assert body["shipping_method"] == body["shipping_options"][0]["id"]
    # Two T-shirts: 4.90 for the first, 1.00 for the second.
    assert (body["shipping_cost"], body["total"]) == ("5.90", "53.50")
    assert body["vat_lines"] == [{"label": "incl. 19 % VAT", "rate": "0.19", "amount": "8.54"}]
    assert Decimal(body["net_total"]) + Decimal(body["vat_total"]) == Decimal(body["total"])
    express = body["shipping_options"][1]["id"]
    assert api.post(QUOTE, {"country": "DE", "shipping_method": express}).json()["shipping_cost"] == "14.90"


def test_quote_follows_the_destinations_vat(api, tee):
    body = api.post(QUOTE, {"address": AUSTRIAN_ADDRESS}).json()
    # 23.80 € incl. 19 % is 20.00 € net; Austria's 20 % makes 24.00 €.
    assert body["lines"][0]["unit_price"] == "24.00" and body["subtotal"] == "48.00"
    assert body["vat_lines"][0]["rate"] == "0.20"
    us = api.post(QUOTE, {"country": "US"}).json()
    assert us["lines"][0]["unit_price"] == "20.00" and us["vat_lines"] == [] and us["vat_total"] == "0.00"


def test_quote_validation(api, tee):
    body = problem_of(api.post(QUOTE, {"address": {**GERMAN_ADDRESS, "postcode": "1234"}}), 400)
    assert body["errors"][0]["field"] == "address.postcode"
    body = problem_of(api.post(QUOTE, {"country": "KP"}), 400)
    assert body["errors"] == [{"field": "country", "message": "We do not deliver to this country yet."}]
    body = problem_of(api.post(QUOTE, {"country": "DE", "shipping_method": 99999}), 400)
    assert body["errors"][0]["field"] == "shipping_method"
    problem_of(api.post(QUOTE, {"saved_address": 12345}), 400)
    problem_of(api.post(QUOTE, {"address": {**GERMAN_ADDRESS, "name": "x\u0000"}}), 400)


def test_quote_of_an_empty_cart_is_a_400(api):
    assert problem_of(api.post(QUOTE, {"country": "DE"}), 400)["detail"] == "Your cart is empty."


def test_quote_uses_a_saved_address(api, member, tee):
    saved = Address.objects.create(user=member, is_default=True, **AUSTRIAN_ADDRESS)
    assert api.post(QUOTE, {}).json()["country"] == "AT"
    assert api.post(QUOTE, {"saved_address": saved.pk}).json()["country"] == "AT"
    other = Address.objects.create(user=VoterFactory(), **GERMAN_ADDRESS)
    body = problem_of(api.post(QUOTE, {"saved_address": other.pk}), 400)
    assert body["errors"][0]["field"] == "saved_address"


# --- placing the order -------------------------------------------------------------------


def test_an_order_is_placed_once_per_idempotency_key(api, member, tee):
    key = str(uuid.uuid4())
    first = place(api, key=key)
    assert first.status_code == 201, first.content
    order = first.json()
    assert order["status"] == "pending" and order["payable"] and order["total"] == "53.50"
    assert order["shipping_address"]["city"] == "Berlin" and order["lines"][0]["quantity"] == 2
    again = place(api, key=key)
    assert again.status_code == 200 and again.json()["number"] == order["number"]
    assert Order.objects.filter(user=member).count() == 1
    # A new key is a new order; the cart keeps its items until an order is paid.
    assert place(api).status_code == 201
    assert Order.objects.filter(user=member).count() == 2
    assert api.get(f"/api/v1/me/orders/{order['number']}/").json()["number"] == order["number"]


def test_the_same_key_with_another_address_is_a_conflict(api, tee):
    key = str(uuid.uuid4())
    assert place(api, key=key).status_code == 201
    body = problem_of(place(api, {"address": AUSTRIAN_ADDRESS}, key=key), 409)
    assert "Idempotency-Key" in body["detail"]


def test_two_members_with_the_same_key_get_their_own_orders(api, client, tee):
    key = "order-1"
    mine = place(api, key=key).json()["number"]
    other = VoterFactory()
    from api import services

    _record, raw = services.token_create(user=other, name="App")
    theirs = ApiClient(Client(), raw)
    theirs.post("/api/v1/cart/items/", {"variant_id": tee.pk})
    answer = place(theirs, key=key)
    assert answer.status_code == 201 and answer.json()["number"] != mine
    assert Order.objects.get(number=answer.json()["number"]).user == other


def test_changed_totals_are_a_conflict_and_make_no_order(api, tee):
    body = problem_of(place(api, {"expected_total": "50.00"}), 409)
    assert "53.50" in body["detail"]
    assert not Order.objects.exists()
    assert place(api, {"expected_total": "53.50"}).status_code == 201


def test_placing_needs_a_key_the_terms_and_an_address(api, tee):
    problem_of(api.post(ORDER, {"address": GERMAN_ADDRESS, "accept_terms": True}), 400)
    problem_of(place(api, key="with space"), 400)
    body = problem_of(place(api, {"accept_terms": False}), 400)
    assert body["errors"][0]["field"] == "accept_terms"
    body = problem_of(place(api, {"address": None}), 400)
    assert body["errors"][0]["field"] == "address"
    body = problem_of(place(api, {"address": {**GERMAN_ADDRESS, "line1": "Hauptstraße"}}), 400)
    assert body["errors"] == [{"field": "address.line1", "message": "Please add the house number."}]
    assert not Order.objects.exists()


def test_placing_with_an_empty_cart_or_too_little_stock(api, member):
    problem_of(place(api), 400)
    variant = make_product(stock=1).variants.get()
    api.post("/api/v1/cart/items/", {"variant_id": variant.pk})
    variant.stock = 0
    variant.save()
    assert problem_of(place(api), 400)["detail"] == "Sorry, this item is sold out."


def test_placing_saves_a_new_address_when_asked(api, member, tee):
    assert place(api, {"save_address": True}).status_code == 201
    assert Address.objects.get(user=member).city == "Berlin"


def test_placing_needs_a_member(anon):
    problem_of(place(anon), 401)


def test_messages_in_german(api, tee):
    body = problem_of(place(api, {"accept_terms": False}, HTTP_ACCEPT_LANGUAGE="de"), 400)
    assert body["errors"][0]["message"] != "Please accept the terms and conditions."


# --- paying ------------------------------------------------------------------------------


def test_payment_gives_the_client_secret_then_the_test_card_pays(api, member, tee, stripe_on):
    number = place(api).json()["number"]
    payment = api.post(f"/api/v1/me/orders/{number}/payment/")
    assert payment.status_code == 200, payment.content
    body = payment.json()
    assert body["client_secret"].startswith("pi_") and body["amount"] == "53.50" and body["test_mode"]
    assert body["publishable_key"] == "pk_test_commonmade"
    # A second call answers with the same PaymentIntent.
    assert api.post(f"/api/v1/me/orders/{number}/payment/").json()["client_secret"] == body["client_secret"]
    paid = api.post(f"/api/v1/me/orders/{number}/test-payment/", {"card": "pm_card_visa"})
    assert paid.status_code == 200, paid.content
    assert paid.json()["status"] == OrderStatus.PAID and not paid.json()["payable"]
    # Paid: the items left the cart, and paying again is a conflict.
    assert api.get("/api/v1/cart/").json()["items"] == []
    problem_of(api.post(f"/api/v1/me/orders/{number}/payment/"), 409)
    problem_of(api.post(f"/api/v1/me/orders/{number}/test-payment/"), 409)


def test_a_declined_card_is_a_402_and_the_order_stays_payable(api, tee, stripe_on):
    number = place(api).json()["number"]
    body = problem_of(
        api.post(f"/api/v1/me/orders/{number}/test-payment/", {"card": "pm_card_chargeCustomerFail"}), 402
    )
    assert "declined" in body["detail"]
    order = api.get(f"/api/v1/me/orders/{number}/").json()
    assert order["status"] == OrderStatus.FAILED and order["payable"]
    assert api.post(f"/api/v1/me/orders/{number}/test-payment/").json()["status"] == OrderStatus.PAID


def test_test_payments_only_in_test_mode(api, tee, stripe_on, settings):
    settings.SHOP_TEST_PAYMENTS = False
    number = place(api).json()["number"]
    problem_of(api.post(f"/api/v1/me/orders/{number}/test-payment/"), 403)
    problem_of(api.post(f"/api/v1/me/orders/{number}/test-payment/", {"card": "pm_card_real"}), 400)


def test_stripe_down_is_a_503_with_retry_after(api, tee, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.STRIPE_SECRET_KEY = "sk_test_unreachable"
    settings.STRIPE_TIMEOUT = 2
    number = place(api).json()["number"]
    response = api.post(f"/api/v1/me/orders/{number}/payment/")
    problem_of(response, 503)
    assert response["Retry-After"] == "60"
    assert api.get(f"/api/v1/me/orders/{number}/").json()["payable"]


def test_another_members_order_is_a_404(api, tee, stripe_on):
    number = place(api).json()["number"]
    other = Client()
    other.force_login(VoterFactory())
    problem_of(other.get(f"/api/v1/me/orders/{number}/"), 404)
    from api import services

    _record, raw = services.token_create(user=VoterFactory(), name="App")
    stranger = ApiClient(Client(), raw)
    problem_of(stranger.post(f"/api/v1/me/orders/{number}/payment/"), 404)
    problem_of(stranger.post(f"/api/v1/me/orders/{number}/test-payment/"), 404)


def test_countries_we_deliver_to(anon):
    items = anon.get("/api/v1/checkout/countries/").json()["items"]
    assert items[0] == {"code": "DE", "name": "Germany"} and {"code": "AT", "name": "Austria"} in items
