"""A guest's product page is cached like the other anonymous pages; adding to the cart still needs a CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client

from shop.models import ProductVariant
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_order, make_product, pay_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.DESIGN_VIEWS_BUFFERED = False


def guest() -> Client:
    return Client(enforce_csrf_checks=True)


def cart_count(client: Client) -> int:
    from shop.cart import SESSION_KEY

    return sum((client.session.get(SESSION_KEY) or {}).values())


def test_a_guests_product_page_sets_no_cookie_and_comes_from_the_cache():
    product = make_product(price="25.00")
    first = guest().get(product.get_absolute_url())
    assert first.status_code == 200
    assert not first.cookies, "no per-visitor CSRF cookie on the page"
    assert first["X-Page-Cache"] == "miss" and "public" in first["Cache-Control"]
    html = first.content.decode()
    assert 'name="csrfmiddlewaretoken" value=""' in html and 'data-csrf-fetch="/csrf-token"' in html
    second = guest().get(product.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"


def test_a_guest_adds_to_the_cart_with_a_token_fetched_before_sending():
    product = make_product()
    variant = product.variants.get()
    client = guest()
    client.get(product.get_absolute_url())
    answer = client.get("/csrf-token", HTTP_ACCEPT="application/json")
    assert "no-cache" in answer["Cache-Control"] or "max-age=0" in answer["Cache-Control"]
    token = answer.json()["token"]
    response = client.post(
        "/shop/cart/add/",
        {"variant": variant.pk, "quantity": "2", "csrfmiddlewaretoken": token},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200 and response.json()["cart_count"] == 2


def test_a_forged_cross_site_post_is_refused_and_adds_nothing():
    product = make_product()
    variant = product.variants.get()
    client = guest()
    client.get(product.get_absolute_url())
    forged = client.post(
        "/shop/cart/add/",
        {"variant": variant.pk, "quantity": "3", "csrfmiddlewaretoken": ""},
        HTTP_ORIGIN="https://evil.example",
        HTTP_REFERER="https://evil.example/page",
    )
    assert forged.status_code == 403
    assert "Add to your cart?" in forged.content.decode()  # asks; does not add
    assert cart_count(client) == 0
    # A token from another visitor's cookie does not pass either.
    other_token = guest().get("/csrf-token").json()["token"]
    forged = client.post(
        "/shop/cart/add/", {"variant": variant.pk, "quantity": "3", "csrfmiddlewaretoken": other_token}
    )
    assert forged.status_code == 403
    assert cart_count(client) == 0


def test_a_guest_without_the_script_confirms_once_and_the_item_is_added():
    product = make_product()
    variant = product.variants.get()
    client = guest()
    asked = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": "1", "csrfmiddlewaretoken": ""})
    assert asked.status_code == 403
    token = asked.cookies["csrftoken"].value
    html = asked.content.decode()
    assert f'name="variant" value="{variant.pk}"' in html
    response = client.post(
        "/shop/cart/add/",
        {"variant": variant.pk, "quantity": "1", "csrfmiddlewaretoken": _form_token(html)},
    )
    assert token and response.status_code == 302
    assert cart_count(client) == 1


def _form_token(html: str) -> str:
    import re

    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_members_product_page_keeps_its_token_in_the_form():
    product = make_product()
    client = guest()
    client.force_login(UserFactory())
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'name="csrfmiddlewaretoken" value=""' not in html
    assert _form_token(html)


def test_a_price_change_reaches_the_cached_page_at_once():
    product = make_product(price="25.00")
    assert "25.00" in guest().get(product.get_absolute_url()).content.decode()
    product.price = "19.00"
    product.save()
    response = guest().get(product.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "19.00" in response.content.decode() and "25.00" not in response.content.decode()


def test_units_sold_reach_the_cached_page_at_once(stripe_on, django_capture_on_commit_callbacks):
    product = make_product(stock=4)
    assert "only 4 left" in guest().get(product.get_absolute_url()).content.decode()
    assert guest().get(product.get_absolute_url())["X-Page-Cache"] == "hit"
    order = make_order(items=[(product, 3)])
    with django_capture_on_commit_callbacks(execute=True):
        pay_order(order)
    assert ProductVariant.objects.get(product=product).stock == 1
    response = guest().get(product.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "only 1 left" in response.content.decode()
