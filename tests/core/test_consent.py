"""Referral cookie only after consent (§ 25 TTDDG): the banner, its answers, attribution, the page cache."""

from __future__ import annotations

import pytest

from core import consent
from shop import referrals
from shop.models import Order
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product
from tests.seo.test_referrals import _buy

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def _banner(response) -> bool:
    return "data-consent-banner" in response.content.decode()


def test_no_referral_cookie_before_consent_and_the_banner_asks(client):
    UserFactory(handle="mira")
    product = make_product()
    response = client.get(f"{product.get_absolute_url()}?ref=mira")
    assert response.status_code == 200
    assert referrals.COOKIE not in response.cookies
    assert _banner(response)
    html = response.content.decode()
    assert 'name="choice" value="accept"' in html and 'name="choice" value="decline"' in html
    assert 'aria-labelledby="consent-title"' in html
    # Pages without a referral ask for nothing.
    assert not _banner(client.get(product.get_absolute_url()))


def test_accepting_sets_the_referral_and_the_order_is_attributed(client, stripe_on, django_capture_on_commit_callbacks):
    referrer = UserFactory(handle="mira")
    product = make_product(price="20.00", stock=5)
    url = f"{product.get_absolute_url()}?ref=mira"
    client.get(url)
    answer = client.post("/consent/", {"choice": "accept", "next": url}, **ORIGIN)
    assert answer.status_code == 302 and answer["Location"] == url
    assert answer.cookies[consent.COOKIE].value == consent.YES
    back = client.get(answer["Location"])
    assert referrals.COOKIE in back.cookies and not _banner(back)
    client.force_login(UserFactory())
    order = _buy(client, product, capture=django_capture_on_commit_callbacks)
    assert Order.objects.get(pk=order.pk).referrer == referrer


def test_declining_is_remembered_and_sets_no_referral(client):
    UserFactory(handle="mira")
    product = make_product()
    url = f"{product.get_absolute_url()}?ref=mira&sort=x"
    answer = client.post("/consent/", {"choice": "decline", "next": url}, **ORIGIN)
    assert answer["Location"] == f"{product.get_absolute_url()}?sort=x"  # the referral is dropped
    assert answer.cookies[consent.COOKIE].value == consent.NO
    again = client.get(url)
    assert referrals.COOKIE not in again.cookies and not _banner(again)


def test_another_site_cannot_consent_for_a_visitor(client):
    answer = client.post("/consent/", {"choice": "accept", "next": "/"}, HTTP_ORIGIN="https://evil.example")
    assert answer.status_code == 400 and consent.COOKIE not in answer.cookies
    assert client.post("/consent/", {"choice": "accept", "next": "/"}).status_code == 400
    assert client.post("/consent/", {"choice": "accept", "next": "https://evil.example/"}, **ORIGIN)["Location"] == "/"


def test_the_banner_keeps_pages_cacheable_and_not_per_visitor(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    UserFactory(handle="mira")
    url = "/designs/?ref=mira"  # a page the cache stores (a product page carries a CSRF token anyway)
    first = client.get(url)
    assert not first.cookies  # no cookie at all: the page is the same for every undecided visitor
    second = client.get(url)
    assert _banner(first) and _banner(second)
    assert second.get("X-Page-Cache") == "hit", dict(second.headers)
    # Someone who answered gets the page without the banner, never the stored one with it.
    client.cookies[consent.COOKIE] = consent.NO
    assert not _banner(client.get(url))
    client.cookies[consent.COOKIE] = consent.YES
    accepted = client.get(url)
    assert not _banner(accepted) and referrals.COOKIE in accepted.cookies
