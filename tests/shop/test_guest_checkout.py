"""Guest checkout by email, the signed order link, one order per submitted form, guest orders joining an account."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from shop.models import Order, OrderStatus
from tests.factories.accounts import UserFactory
from tests.factories.shop import checkout_post, make_product

pytestmark = pytest.mark.django_db

GUEST = "guest.buyer@example.org"


def _add(client, variant, quantity=1):
    assert client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": quantity}).status_code == 302


def _guest_order(client, django_capture_on_commit_callbacks, **extra) -> tuple[Order, str]:
    _add(client, make_product(price="25.00").variants.get())
    with django_capture_on_commit_callbacks(execute=True):
        response = checkout_post(client, email=GUEST, **extra)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Order.objects.get(email=GUEST), response["Location"]


def test_checkout_page_for_a_guest_asks_for_email_and_links_the_legal_pages(client):
    _add(client, make_product(price="25.00").variants.get())
    page = client.get("/shop/checkout/").content.decode()
    assert 'name="email"' in page and 'name="saved_address"' not in page
    for slug in ("terms", "withdrawal", "shipping", "privacy"):
        assert f'href="/{slug}/"' in page
    assert "Order and pay" in page and 'name="accept_terms"' in page
    # The German address default: 25.00 + 4.90 shipping, 19 % VAT contained.
    assert "29.90" in page and "incl. 19 % VAT (Germany)" in page
    german = client.get("/de/shop/checkout/").content.decode()
    assert "Zahlungspflichtig bestellen" in german and 'href="/de/terms/"' in german


def test_guest_orders_by_email_gets_the_signed_link_and_pays_through_it(
    client, stripe_on, django_capture_on_commit_callbacks
):
    order, location = _guest_order(client, django_capture_on_commit_callbacks)
    assert order.user is None and order.status == OrderStatus.PENDING
    assert (order.total, order.shipping_city) == (Decimal("29.90"), "Berlin")
    link = order.get_absolute_url()
    assert location == f"/shop/orders/{order.access_token}/pay/" and link == f"/shop/orders/{order.access_token}/"
    assert [m.to for m in mail.outbox] == [[GUEST]] and link in mail.outbox[0].body

    assert client.get(link).status_code == 200
    assert client.get(location).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/shop/orders/{order.access_token}/test-pay/")
    assert response.status_code == 302 and response["Location"] == link
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert client.session.get("shop_cart") == {}  # the guest's cart lost the paid items

    # The link is the key: forged or plain-number links show nothing to strangers.
    assert client.get(f"/shop/orders/{order.number}:forged/").status_code == 404
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(f"/shop/orders/{order.number}/pay/").status_code == 404


def test_a_guest_without_email_or_terms_gets_the_form_back(client):
    _add(client, make_product().variants.get())
    response = client.post(
        "/shop/checkout/",
        {
            "name": "Kim",
            "line1": "Hauptstraße 5",
            "postcode": "1011",
            "city": "Berlin",
            "country": "DE",
            "action": "order",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "valid postcode. Country: Germany" in page and "This field is required." in page
    assert not Order.objects.exists()


def test_double_submit_of_the_same_form_makes_one_order(client, django_capture_on_commit_callbacks):
    _add(client, make_product().variants.get())
    token = re.search(r'name="checkout_token" value="([^"]+)"', client.get("/shop/checkout/").content.decode())[1]
    with django_capture_on_commit_callbacks(execute=True):
        first = checkout_post(client, email=GUEST, checkout_token=token)
        second = checkout_post(client, email=GUEST, checkout_token=token)
    assert Order.objects.count() == 1
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]


def test_a_member_double_submit_makes_one_order(client):
    member = UserFactory()
    client.force_login(member)
    _add(client, make_product().variants.get())
    checkout_post(client, checkout_token="one-form")
    checkout_post(client, checkout_token="one-form")
    assert Order.objects.filter(user=member).count() == 1


def test_changed_country_without_update_shows_the_new_totals_and_orders_nothing(client):
    _add(client, make_product(price="23.80").variants.get())
    # The page showed the German total (23.80 + 4.90); the buyer switched to Austria and clicked at once.
    response = checkout_post(client, email=GUEST, address={"country": "AT", "postcode": "1010"}, quoted_total="28.70")
    assert response.status_code == 409
    page = response.content.decode()
    assert "the total is now" in page and "incl. 20 % VAT (Austria)" in page
    assert not Order.objects.exists()
    # 23.80 / 1.19 × 1.20 = 24.00; shipping 8.90 / 1.19 × 1.20 = 8.97; total 32.97, now shown and confirmed.
    response = checkout_post(client, email=GUEST, address={"country": "AT", "postcode": "1010"}, quoted_total="32.97")
    assert response.status_code == 302 and Order.objects.get().total == Decimal("32.97")


def test_member_checks_out_with_a_saved_address_and_saves_a_new_one(client):
    member = UserFactory()
    client.force_login(member)
    _add(client, make_product(price="25.00").variants.get())
    checkout_post(client, address={"country": "FR", "postcode": "75001", "city": "Paris"}, save_address="on")
    address = member.addresses.get()
    assert (address.country, address.city, address.is_default) == ("FR", "Paris", True)
    page = client.get("/shop/checkout/").content.decode()
    assert 'name="saved_address"' in page and "Paris" in page and "incl. 20 % VAT (France)" in page
    Order.objects.all().delete()
    checkout_post(client, saved_address=str(address.pk), name="", line1="", postcode="", city="", country="")
    order = Order.objects.get(user=member)
    assert (order.shipping_country, order.shipping_city, order.email) == ("FR", "Paris", member.email)


def _sign_up(client, email: str) -> User:
    response = client.post(
        "/accounts/signup/",
        {
            "email": email,
            "username": "later-member",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
        },
    )
    assert response.status_code == 302
    return User.objects.get(email__iexact=email)


def test_guest_order_joins_the_account_once_the_email_is_verified(client, django_capture_on_commit_callbacks):
    order, _ = _guest_order(client, django_capture_on_commit_callbacks)
    client.logout()
    mail.outbox.clear()
    user = _sign_up(client, GUEST.upper())
    order.refresh_from_db()
    assert order.user is None  # not before the address is confirmed
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    client.post(re.sub(r"^https?://[^/]+", "", link))
    order.refresh_from_db()
    assert order.user == user
    client.force_login(user)
    assert order.number in client.get("/account/orders/").content.decode()


def test_an_unverified_email_attaches_nothing_and_a_verified_login_does(client, django_capture_on_commit_callbacks):
    order, _ = _guest_order(client, django_capture_on_commit_callbacks)
    claimer = UserFactory(email=GUEST)
    EmailAddress.objects.filter(user=claimer).delete()
    address = EmailAddress.objects.create(user=claimer, email=GUEST, verified=False, primary=True)
    client.force_login(claimer)
    order.refresh_from_db()
    assert order.user is None
    address.verified = True
    address.save()
    client.logout()
    client.force_login(claimer)
    order.refresh_from_db()
    assert order.user == claimer
