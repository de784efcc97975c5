"""The cart over the API: the member's server-side cart, changed through the shop's cart services."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from shop import rules as shop_rules
from shop.models import CartItem, ProductStatus
from tests.api.conftest import problem_of
from tests.factories.shop import make_product

pytestmark = pytest.mark.django_db

CART = "/api/v1/cart/"
ITEMS = "/api/v1/cart/items/"


@pytest.fixture
def variant():
    return make_product(price="25.00", stock=5).variants.get()


def test_add_change_and_remove(api, member, variant):
    assert api.get(CART).json()["items"] == []
    body = api.post(ITEMS, {"variant_id": variant.pk, "quantity": 2}).json()
    assert body["count"] == 2 and body["subtotal"] == "50.00"
    line = body["items"][0]
    assert (line["variant_id"], line["sku"], line["quantity"], line["line_total"]) == (
        variant.pk,
        variant.sku,
        2,
        "50.00",
    )
    assert line["product"] == variant.product.slug and line["in_stock"]
    # Adding again adds to the line, as on the site.
    assert api.post(ITEMS, {"variant_id": variant.pk}).json()["items"][0]["quantity"] == 3
    assert api.put(f"{ITEMS}{variant.pk}/", {"quantity": 4}).json()["count"] == 4
    assert CartItem.objects.get(cart__user=member).quantity == 4
    assert api.delete(f"{ITEMS}{variant.pk}/").json() == {**api.get(CART).json(), "items": [], "count": 0}
    assert not CartItem.objects.exists()


def test_quantity_zero_removes_the_line(api, variant):
    api.post(ITEMS, {"variant_id": variant.pk})
    assert api.put(f"{ITEMS}{variant.pk}/", {"quantity": 0}).json()["items"] == []


def test_the_session_and_a_token_share_the_members_cart(api, member, variant):
    api.post(ITEMS, {"variant_id": variant.pk, "quantity": 2})
    browser = Client()
    browser.force_login(member)
    assert browser.get(CART).json()["count"] == 2
    # The site's cart page shows the same cart.
    assert variant.product.title in browser.get("/shop/cart/").content.decode()


def test_the_sites_stock_price_and_quantity_rules(api, variant):
    body = problem_of(api.post(ITEMS, {"variant_id": variant.pk, "quantity": 6}), 400)
    assert body["errors"] == [{"field": "quantity", "message": "Only 5 left in stock."}]
    body = problem_of(api.post(ITEMS, {"variant_id": variant.pk, "quantity": 0}), 400)
    assert body["errors"][0]["message"] == f"Please choose a quantity between 1 and {shop_rules.MAX_QUANTITY}."
    body = problem_of(api.post(ITEMS, {"variant_id": variant.pk, "price": "1.00"}), 400)
    assert body["errors"][0]["field"] == "price"
    assert api.post(ITEMS, {"variant_id": variant.pk, "price": "25.00"}).status_code == 200
    problem_of(api.post(ITEMS, {"variant_id": 99999}), 400)
    problem_of(api.post(ITEMS, {"variant_id": variant.pk, "quantity": "many"}), 400)
    problem_of(api.post(ITEMS, {"quantity": 1}), 400)
    problem_of(api.put(f"{ITEMS}{variant.pk}/", {"quantity": 99}), 400)
    problem_of(api.put(f"{ITEMS}{variant.pk}/", {"quantity": -1}), 400)


def test_a_product_no_longer_on_sale_is_refused(api):
    withdrawn = make_product(status=ProductStatus.RETIRED)
    problem_of(api.post(ITEMS, {"variant_id": withdrawn.variants.get().pk}), 400)


def test_a_line_not_in_the_cart_is_a_404(api, variant):
    problem_of(api.put(f"{ITEMS}{variant.pk}/", {"quantity": 1}), 404)
    problem_of(api.delete(f"{ITEMS}{variant.pk}/"), 404)


def test_the_cart_is_the_members_own(anon, variant):
    problem_of(anon.get(CART), 401)
    problem_of(anon.post(ITEMS, {"variant_id": variant.pk}), 401)


def test_reading_the_cart_costs_the_same_queries_for_one_line_or_five(api):
    api.post(ITEMS, {"variant_id": make_product().variants.get().pk})
    with CaptureQueriesContext(connection) as one:
        api.get(CART)
    for _ in range(4):
        api.post(ITEMS, {"variant_id": make_product().variants.get().pk})
    with CaptureQueriesContext(connection) as five:
        assert api.get(CART).json()["count"] == 5
    assert len(five.captured_queries) == len(one.captured_queries) <= 10
