"""The cart's services take a variant, whole numbers and a Decimal; the forms read the request."""

from decimal import Decimal

import pytest

from shop.cart import SESSION_KEY, MemberCart
from shop.errors import ShopError
from shop.forms import CartAddForm, CartUpdateForm
from shop.services.cart import cart_add, cart_update
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product

pytestmark = pytest.mark.django_db


def test_cart_add_takes_a_variant_an_int_and_a_decimal():
    member = UserFactory()
    variant = make_product(price="25.00", stock=5).variants.get()
    cart = MemberCart(member)
    added, quantity = cart_add(cart=cart, user=member, variant=variant, quantity=2, claimed_price=Decimal("25.00"))
    assert (added, quantity) == (variant, 2)
    assert cart.items() == {variant.pk: 2}


def test_cart_add_still_refuses_out_of_range_quantities_and_another_price():
    member = UserFactory()
    variant = make_product(price="25.00", stock=50).variants.get()
    cart = MemberCart(member)
    with pytest.raises(ShopError, match="between 1 and 20"):
        cart_add(cart=cart, user=member, variant=variant, quantity=21)
    with pytest.raises(ShopError, match="does not match"):
        cart_add(cart=cart, user=member, variant=variant, quantity=1, claimed_price=Decimal("0.01"))
    assert cart.items() == {}


def test_cart_update_takes_the_variant_id_and_quantity_as_ints():
    member = UserFactory()
    variant = make_product(stock=9).variants.get()
    cart = MemberCart(member)
    cart_add(cart=cart, user=member, variant=variant, quantity=1)
    assert cart_update(cart=cart, user=member, variant_id=variant.pk, quantity=4) == 4
    assert cart.items() == {variant.pk: 4}
    with pytest.raises(ShopError, match="not in your cart"):
        cart_update(cart=cart, user=member, variant_id=variant.pk + 1000, quantity=1)


def test_add_form_reads_the_request_into_typed_values():
    variant = make_product(price="25.00").variants.get()
    form = CartAddForm({"variant": f" {variant.pk} ", "quantity": " 3 ", "price": "25,00"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"variant": variant, "quantity": 3, "price": Decimal("25.00")}
    no_quantity = CartAddForm({"variant": str(variant.pk)})
    assert no_quantity.is_valid()
    assert no_quantity.cleaned_data["quantity"] == 1  # no quantity field: one unit


def test_update_form_reads_the_request_into_ints():
    form = CartUpdateForm({"variant": "12", "quantity": "0"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"variant": 12, "quantity": 0}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quantity": "abc"}, "Please choose a quantity between 1 and 20."),
        ({"quantity": "abc", "variant": "x"}, "Please choose a quantity between 1 and 20."),
        ({"quantity": "-1", "variant": "x"}, "Please choose a quantity between 1 and 20."),
        ({"variant": "abc"}, "This item does not exist or is no longer for sale."),
        ({"price": "abc"}, "The price sent does not match the shop's price."),
        ({"price": "NaN"}, "The price sent does not match the shop's price."),
    ],
)
def test_add_view_answers_400_with_the_same_message_for_garbage(client, data, message):
    variant = make_product(price="25.00", stock=5).variants.get()
    post = {"variant": variant.pk, "quantity": "1", **data}
    response = client.post("/shop/cart/add/", post, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert client.session.get(SESSION_KEY, {}) == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quantity": "abc"}, "Please choose a quantity between 0 and 20."),
        ({"quantity": "-4", "variant": "abc"}, "Please choose a quantity between 0 and 20."),
        ({"variant": "abc"}, "This item is not in your cart."),
        ({"variant": "99999999999999999999"}, "This item is not in your cart."),
    ],
)
def test_update_view_answers_400_with_the_same_message_for_garbage(client, data, message):
    variant = make_product(stock=9).variants.get()
    client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 2})
    response = client.post("/shop/cart/update/", {"variant": variant.pk, "quantity": "1", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert client.session[SESSION_KEY] == {str(variant.pk): 2}
