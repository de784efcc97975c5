"""Order history (owner only), buy again, favourites that toggle with and without JavaScript."""

import pytest
from django.utils import timezone

from shop.models import CartItem, Favourite, Order, OrderLine, OrderStatus
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design
from tests.factories.shop import make_product

pytestmark = pytest.mark.django_db


def _order(user, product, quantity=1):
    variant = product.variants.first()
    order = Order.objects.create(
        user=user, email=user.email, total=product.price * quantity, status=OrderStatus.PAID, paid_at=timezone.now()
    )
    OrderLine.objects.create(
        order=order,
        product=product,
        variant=variant,
        title=product.title,
        sku=variant.sku,
        unit_price=product.price,
        quantity=quantity,
        royalty_share=product.royalty_share,
    )
    return order


def test_order_history_lists_only_my_orders_with_constant_queries(client, django_assert_max_num_queries):
    me, other = UserFactory(), UserFactory()
    mine = [_order(me, make_product()) for _ in range(3)]
    theirs = _order(other, make_product())
    client.force_login(me)
    # Nine however many orders: one of them is the header's cart count for a member.
    with django_assert_max_num_queries(9):
        page = client.get("/account/orders/").content.decode()
    assert all(order.number in page for order in mine) and theirs.number not in page
    assert client.get(f"/account/orders/{mine[0].number}/").status_code == 200
    assert client.get(f"/account/orders/{theirs.number}/").status_code == 404


def test_order_pages_need_login(client):
    response = client.get("/account/orders/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_buy_again_puts_available_items_back_in_the_cart(client):
    me = UserFactory()
    available, gone = make_product(stock=5), make_product(stock=5)
    order = _order(me, available, 2)
    line_gone = OrderLine.objects.create(
        order=order,
        product=gone,
        variant=gone.variants.get(),
        title=gone.title,
        sku="x",
        unit_price=gone.price,
        quantity=1,
        royalty_share=gone.royalty_share,
    )
    gone.status = "retired"
    gone.save()
    client.force_login(me)
    response = client.post(f"/account/orders/{order.number}/buy-again/", follow=True)
    body = response.content.decode()
    assert "No longer available" in body and line_gone.title in body
    assert dict(CartItem.objects.filter(cart__user=me).values_list("variant_id", "quantity")) == {
        available.variants.get().pk: 2
    }


def test_favourite_toggle_works_as_a_plain_form(client):
    me = UserFactory()
    product = make_product()
    design = make_design(state="approved")
    client.force_login(me)
    response = client.post("/shop/favourites/toggle/", {"kind": "product", "id": product.pk, "next": "/shop/"})
    assert response.status_code == 302 and response["Location"] == "/shop/"
    client.post("/shop/favourites/toggle/", {"kind": "design", "id": design.pk})
    assert Favourite.objects.filter(user=me).count() == 2
    page = client.get("/account/favourites/").content.decode()
    assert product.title in page and design.title in page and 'aria-pressed="true"' in page
    client.post("/shop/favourites/toggle/", {"kind": "product", "id": product.pk})
    assert not Favourite.objects.filter(user=me, product=product).exists()


def test_favourite_toggle_answers_json_for_fetch(client):
    client.force_login(UserFactory())
    product = make_product()
    data = client.post(
        "/shop/favourites/toggle/", {"kind": "product", "id": product.pk}, HTTP_ACCEPT="application/json"
    ).json()
    assert (data["ok"], data["favourite"], data["message"]) == (True, True, "Saved to your favourites.")
    assert 'aria-pressed="true"' in data["html"] and "Saved to favourites" in data["html"]


def test_favourite_bad_input(client):
    client.force_login(UserFactory())
    assert client.post("/shop/favourites/toggle/", {"kind": "order", "id": "1"}).status_code == 400
    assert client.post("/shop/favourites/toggle/", {"kind": "product", "id": "99999"}).status_code == 404
    draft = make_design(state="draft")
    assert client.post("/shop/favourites/toggle/", {"kind": "design", "id": draft.pk}).status_code == 404
    assert not Favourite.objects.exists()
    client.logout()
    assert client.post("/shop/favourites/toggle/", {"kind": "product", "id": "1"}).status_code == 302
