"""?ref=<handle> links: the referrer is remembered for REFERRAL_DAYS, recorded on the order, and earns a commission."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from django.core import signing
from django.http import HttpRequest

from core import consent
from makers.models import RoyaltyEntry, RoyaltyKind
from makers.selectors import royalty_summary
from shop import referrals
from shop.models import Order, OrderStatus
from shop.services.orders import order_record_refund
from tests.factories.accounts import UserFactory
from tests.factories.shop import checkout_post, make_product
from tests.seo.helpers import soup

pytestmark = pytest.mark.django_db


def _buy(client, product, *, pay=True, capture=None):
    variant = product.variants.get()
    assert client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 2}).status_code == 302
    assert checkout_post(client).status_code == 302
    order = Order.objects.latest("id")
    if pay:
        with capture(execute=True):
            client.post(f"/shop/orders/{order.number}/test-pay/")
        order.refresh_from_db()
        assert order.status == OrderStatus.PAID
    return order


def test_order_through_a_ref_link_records_the_referrer_and_pays_a_commission(
    client, stripe_on, django_capture_on_commit_callbacks
):
    referrer = UserFactory(handle="mira")
    product = make_product(price="20.00", stock=5)
    buyer = UserFactory()

    client.cookies[consent.COOKIE] = (
        consent.YES
    )  # the visitor accepted the referral cookie (tests/core/test_consent.py)
    response = client.get(f"{product.get_absolute_url()}?ref=Mira")
    assert response.status_code == 200
    cookie = response.cookies[referrals.COOKIE]
    assert cookie["max-age"] == 30 * 24 * 3600 and cookie["httponly"]
    client.force_login(buyer)
    order = _buy(client, product, capture=django_capture_on_commit_callbacks)

    assert order.referrer == referrer
    entry = RoyaltyEntry.objects.get(kind=RoyaltyKind.REFERRAL)
    assert entry.maker == referrer and entry.order_line.order == order
    assert entry.amount == Decimal("2.00")  # 5 % of 2 × 20.00
    assert royalty_summary(maker=referrer)["balance"] == Decimal("2.00")
    # The maker's royalty is untouched by the referral.
    assert RoyaltyEntry.objects.get(kind=RoyaltyKind.EARNING).maker == product.design.maker

    # Paid again (a replayed webhook): no second commission.
    from makers.services import referral_record_order

    assert referral_record_order(order=order) == []
    assert RoyaltyEntry.objects.filter(kind=RoyaltyKind.REFERRAL).count() == 1

    # A full refund takes the commission back, once.
    with django_capture_on_commit_callbacks(execute=True):
        order_record_refund(order_id=order.pk, amount_refunded_cents=order.total_cents)
        order_record_refund(order_id=order.pk, amount_refunded_cents=order.total_cents)
    reversal = RoyaltyEntry.objects.get(kind=RoyaltyKind.REFERRAL_REVERSAL)
    assert reversal.amount == Decimal("-2.00") and reversal.maker == referrer
    assert royalty_summary(maker=referrer)["balance"] == Decimal("0.00")


def test_self_referral_and_unknown_handles_are_ignored(client, stripe_on, django_capture_on_commit_callbacks):
    buyer = UserFactory(handle="buyer")
    product = make_product(price="10.00")
    client.force_login(buyer)
    client.cookies[consent.COOKIE] = consent.YES
    response = client.get(f"{product.get_absolute_url()}?ref=buyer")
    assert referrals.COOKIE not in response.cookies
    response = client.get(f"{product.get_absolute_url()}?ref=nobody-here")
    assert referrals.COOKIE not in response.cookies
    order = _buy(client, product, capture=django_capture_on_commit_callbacks)
    assert order.referrer is None
    assert not RoyaltyEntry.objects.filter(kind=RoyaltyKind.REFERRAL).exists()


def test_a_cookie_set_before_logging_in_as_the_referrer_does_not_credit_themself(client, stripe_on):
    member = UserFactory(handle="self")
    product = make_product(price="10.00")
    client.cookies[consent.COOKIE] = consent.YES
    client.get(f"{product.get_absolute_url()}?ref=self")  # anonymous: the cookie is set
    client.force_login(member)
    order = _buy(client, product, pay=False)
    assert order.referrer is None


def _signed_cookie(value: str, *, age_seconds: int, monkeypatch) -> str:
    """A cookie signed `age_seconds` ago."""
    real_time = time.time
    then = real_time() - age_seconds
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: then)
        signed = signing.get_cookie_signer(salt=referrals.COOKIE + referrals.SALT).sign(value)
    assert time.time is real_time
    return signed


def test_referral_expires_after_referral_days(monkeypatch):
    referrer = UserFactory()
    request = HttpRequest()
    request.COOKIES[referrals.COOKIE] = _signed_cookie(
        str(referrer.pk), age_seconds=29 * 86400, monkeypatch=monkeypatch
    )
    assert referrals.referrer_from_request(request) == referrer
    request.COOKIES[referrals.COOKIE] = _signed_cookie(
        str(referrer.pk), age_seconds=31 * 86400, monkeypatch=monkeypatch
    )
    assert referrals.referrer_from_request(request) is None
    request.COOKIES[referrals.COOKIE] = str(referrer.pk)  # unsigned: forged
    assert referrals.referrer_from_request(request) is None


def test_share_links_carry_the_members_handle(client):
    product = make_product()
    page = soup(client.get(product.get_absolute_url()))
    share = page.find("section", class_="share")
    url = "http://testserver" + product.get_absolute_url()
    assert share.find("input", id="share-url")["value"] == url
    assert share.find(attrs={"data-copy-link": True})["data-copy-link"] == url
    hrefs = [a["href"] for a in share.select("a.share__link")]
    assert [h.split(":", 1)[0] for h in hrefs] == ["mailto", "https", "https", "https", "https"]
    assert not page.find("script", src=lambda src: src and src.startswith("http"))

    member = UserFactory(handle="ann")
    client.force_login(member)
    page = soup(client.get(product.get_absolute_url()))
    share = page.find("section", class_="share")
    assert share.find("input", id="share-url")["value"] == url + "?ref=ann"
    for href in (a["href"] for a in share.select("a.share__link")):
        assert "ref%3Dann" in href
    # The canonical URL never carries the referral.
    assert page.find("link", rel="canonical")["href"] == url
