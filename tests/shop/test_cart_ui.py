"""The cart as people see it: header link with the count, thumbnails, remove, rules before the click."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from designs.models import DesignImage
from shop.models import CartItem, SupporterAccess
from tests.factories.accounts import UserFactory
from tests.factories.designs import wagtail_image
from tests.factories.shop import make_product

pytestmark = pytest.mark.django_db


def _render_cart_link(request) -> str:
    return Template("{% load shop_tags %}{% cart_link %}").render(Context({"request": request}))


def test_header_cart_link_costs_no_query_for_a_visitor_with_an_empty_cart(django_assert_num_queries):
    request = RequestFactory().get("/")
    request.session = SessionStore()  # a first visit: no session cookie yet
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        html = _render_cart_link(request)
    assert 'href="/shop/cart/"' in html and "0 items" in html and "hidden" in html


def test_header_cart_link_counts_a_members_items_in_one_query(django_assert_num_queries, client):
    member = UserFactory()
    client.force_login(member)
    for quantity in (2, 1):
        client.post("/shop/cart/add/", {"variant": make_product().variants.get().pk, "quantity": quantity})
    request = RequestFactory().get("/")
    request.user = member
    cache.clear()
    with django_assert_num_queries(1):
        html = _render_cart_link(request)
    assert '<span class="cart-link__count badge badge--accent" data-cart-count>3</span>' in html
    with django_assert_num_queries(0):  # then from the member's cache entry (core/membercache.py)
        assert '<span class="cart-link__count badge badge--accent" data-cart-count>3</span>' in _render_cart_link(
            request
        )


def test_every_page_links_the_cart_with_the_count(client):
    variant = make_product(stock=5).variants.get()
    client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 2})
    for url in ("/shop/", "/designs/", "/accounts/login/"):
        page = client.get(url).content.decode()
        assert 'class="cart-link" href="/shop/cart/"' in page, url
        assert "data-cart-count>2</span>" in page and "2 items" in page, url


def test_added_to_cart_answer_links_the_cart_and_updates_the_count(client):
    variant = make_product(stock=5).variants.get()
    client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1})
    data = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 2}, HTTP_ACCEPT="application/json").json()
    assert data["cart_url"] == "/shop/cart/" and data["cart_link_text"] == "View your cart"
    assert data["cart_count"] == 3 and data["cart_count_label"] == "3 items"
    # Without JavaScript the form lands on the cart, where the message is shown.
    response = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1}, follow=True)
    assert response.redirect_chain[-1][0] == "/shop/cart/"
    assert "Added to your cart" in response.content.decode()


def test_cart_shows_thumbnails_and_a_remove_button_that_works_without_js(client, django_assert_num_queries):
    products = [make_product(stock=5) for _ in range(4)]

    def fill(some):
        for product in some:
            DesignImage.objects.create(design=product.design, image=wagtail_image(), position=0)
            client.post("/shop/cart/add/", {"variant": product.variants.get().pk, "quantity": 1})
        client.get("/shop/cart/")  # the thumbnails' renditions are made once

    # Variants with products and designs, design images, images, live drop offers (the session
    # comes from the cache): as many for one line as for four.
    fill(products[:1])
    with django_assert_num_queries(4):
        client.get("/shop/cart/")
    fill(products[1:])
    with django_assert_num_queries(4):
        page = client.get("/shop/cart/").content.decode()
    assert page.count('class="cart-line__thumb"') == 4 and page.count("<img") >= 4
    assert page.count(">Remove<") == 4

    gone = products[0].variants.get()
    response = client.post("/shop/cart/update/", {"variant": gone.pk, "quantity": "0"}, follow=True)
    page = response.content.decode()
    assert "Removed from your cart." in page
    assert products[0].title not in page.split("<main")[1] and products[1].title in page


def test_product_page_explains_the_supporter_window_before_the_click(client):
    product = make_product(stock=5)
    product.supporter_window_ends_at = timezone.now() + timedelta(hours=12)
    product.save()
    client.force_login(UserFactory())
    page = client.get(product.get_absolute_url()).content.decode()
    assert 'disabled aria-describedby="buy-refusal"' in page
    assert 'id="buy-refusal">Supporters of this design have early access until' in page

    supporter = UserFactory()
    SupporterAccess.objects.create(product=product, user=supporter)
    client.force_login(supporter)
    page = client.get(product.get_absolute_url()).content.decode()
    assert "buy-refusal" not in page and "You have early access as a supporter of this design." in page


def test_product_page_explains_a_closed_campaign_and_sold_out_before_the_click(client):
    from shop.models import Campaign

    closed = make_product(made_to_order=True, stock=0)
    Campaign.objects.create(product=closed, goal_units=5, ends_at=timezone.now() - timedelta(hours=1))
    page = client.get(closed.get_absolute_url()).content.decode()
    assert 'id="buy-refusal">This pre-order campaign is closed.' in page and " disabled " in page

    sold_out = make_product(stock=0)
    page = client.get(sold_out.get_absolute_url()).content.decode()
    assert 'id="buy-refusal">Sorry, this item is sold out.' in page

    on_sale = make_product(stock=2)
    assert "buy-refusal" not in client.get(on_sale.get_absolute_url()).content.decode()
    assert CartItem.objects.count() == 0
