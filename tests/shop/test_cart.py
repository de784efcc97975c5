"""Cart: server prices, stock checks, bad input answered clearly with no change, merge at login."""

from decimal import Decimal

import pytest

from shop.cart import SESSION_KEY
from shop.models import CartItem, Order
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.shop import checkout_post, make_product

pytestmark = pytest.mark.django_db


def _cart(client):
    return client.session.get(SESSION_KEY, {})


def test_visitor_adds_to_session_cart_and_sees_server_prices(client):
    variant = make_product(price="19.90", stock=5).variants.get()
    response = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 2})
    assert response.status_code == 302
    assert _cart(client) == {str(variant.pk): 2}
    page = client.get("/shop/cart/").content.decode()
    assert "39.80\u00a0€" in page


@pytest.mark.parametrize("quantity", ["-1", "0", "21", "100000000000000000000", "abc", ""])
def test_negative_zero_huge_or_garbage_quantities_are_refused(client, quantity):
    variant = make_product(stock=50).variants.get()
    response = client.post(
        "/shop/cart/add/", {"variant": variant.pk, "quantity": quantity}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert "Please choose a quantity between 1 and 20." in response.json()["error"]
    assert _cart(client) == {}


@pytest.mark.parametrize("variant_id", ["999999", "x", "", "-3"])
def test_unknown_variant_is_refused(client, variant_id):
    response = client.post("/shop/cart/add/", {"variant": variant_id, "quantity": 1}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "does not exist or is no longer for sale" in response.json()["error"]
    assert _cart(client) == {}


def test_draft_product_cannot_be_added(client):
    variant = make_product(status="draft").variants.get()
    response = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert client.get(f"/shop/{variant.product.slug}/").status_code == 404


def test_tampered_price_is_refused_and_never_used(client, stripe_on):
    variant = make_product(price="25.00", stock=5).variants.get()
    response = client.post(
        "/shop/cart/add/", {"variant": variant.pk, "quantity": 1, "price": "0.01"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert "does not match the shop's price" in response.json()["error"]
    assert _cart(client) == {}
    # The real price is accepted; the order total always comes from the database.
    user = UserFactory()
    client.force_login(user)
    client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1, "price": "25.00"})
    checkout_post(client, total="0.01", price="0.01")
    assert Order.objects.get(user=user).subtotal == Decimal("25.00")


def test_quantity_above_stock_says_how_many_are_left(client):
    variant = make_product(stock=2).variants.get()
    client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 2})
    response = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "Only 2 left in stock."
    assert _cart(client) == {str(variant.pk): 2}


def test_sold_out_variant(client):
    variant = make_product(stock=0).variants.get()
    response = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1}, HTTP_ACCEPT="application/json")
    assert response.json()["error"] == "Sorry, this item is sold out."


def test_update_and_remove_a_line(client):
    variant = make_product(stock=9).variants.get()
    client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1})
    client.post("/shop/cart/update/", {"variant": variant.pk, "quantity": 4})
    assert _cart(client) == {str(variant.pk): 4}
    response = client.post("/shop/cart/update/", {"variant": variant.pk, "quantity": "-4"})
    assert response.status_code == 400 and _cart(client) == {str(variant.pk): 4}
    client.post("/shop/cart/update/", {"variant": variant.pk, "quantity": 0})
    assert _cart(client) == {}


def test_visitor_cart_merges_into_member_cart_at_login(client):
    user = UserFactory()
    a = make_product(stock=3).variants.get()
    b = make_product(stock=10).variants.get()
    client.force_login(user)
    client.post("/shop/cart/add/", {"variant": a.pk, "quantity": 2})
    client.post("/account/logout/")
    client.logout()
    client.post("/shop/cart/add/", {"variant": a.pk, "quantity": 2})
    client.post("/shop/cart/add/", {"variant": b.pk, "quantity": 1})
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    items = dict(CartItem.objects.filter(cart__user=user).values_list("variant_id", "quantity"))
    assert items == {a.pk: 3, b.pk: 1}  # 2 + 2 capped at the stock of 3
    assert _cart(client) == {}


def test_add_to_cart_answers_json_for_fetch(client):
    variant = make_product(stock=3).variants.get()
    response = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1}, HTTP_ACCEPT="application/json")
    assert response.json()["ok"] is True and response.json()["cart_count"] == 1
