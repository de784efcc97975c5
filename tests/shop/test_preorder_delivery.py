"""A pre-order (campaign) product promises delivery after the campaign ends, production and shipping:
on the product page, in the cart and in the confirmation email, never the in-stock estimate."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from shop.models import Campaign, OrderStatus
from shop.selectors.campaigns import add_working_days
from shop.services.campaigns import campaign_start
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product
from tests.shop.test_campaigns import _preorder

pytestmark = pytest.mark.django_db


def _next_friday_noon() -> datetime:
    today = timezone.localdate()
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    return timezone.make_aware(datetime(friday.year, friday.month, friday.day, 12, 0))


def _campaign_product(goal: int = 1):
    product = make_product(made_to_order=True, stock=0, price="15.00")
    campaign = campaign_start(
        product=product, actor=UserFactory(is_superuser=True), goal_units=goal, ends_at=_next_friday_noon()
    )
    return campaign, product


def _window(ends) -> tuple[str, str]:
    # Friday + 5 production + 2 shipping working days = Tuesday week after; + 10 + 4 = Thursday two weeks after.
    return date_format(ends + timedelta(days=11), "DATE_FORMAT"), date_format(ends + timedelta(days=20), "DATE_FORMAT")


def test_working_days_skip_weekends():
    friday = datetime(2026, 12, 4).date()
    assert add_working_days(friday, 1) == datetime(2026, 12, 7).date()
    assert add_working_days(friday, 7) == friday + timedelta(days=11)
    assert add_working_days(friday, 14) == friday + timedelta(days=20)


def test_product_page_and_cart_promise_delivery_after_the_campaign(client):
    campaign, product = _campaign_product()
    ends = timezone.localdate(campaign.ends_at)
    earliest, latest = _window(ends)
    expected = f"Pre-order: expected delivery between {earliest} and {latest}."
    page = client.get(product.get_absolute_url()).content.decode()
    assert expected in page
    assert f"after the campaign ends on {date_format(ends, 'DATE_FORMAT')}" in page
    assert "working days, shipping from" not in page  # not the in-stock estimate

    client.force_login(UserFactory())
    assert client.post("/shop/cart/add/", {"variant": product.variants.get().pk, "quantity": 1}).status_code == 302
    assert expected in client.get("/shop/cart/").content.decode()

    german = client.get(f"/de{product.get_absolute_url()}")  # and in German
    assert german.status_code == 200, german.status_code
    assert "Vorbestellung: voraussichtliche Lieferung zwischen" in german.content.decode()


def test_confirmation_email_of_a_pre_order_names_the_expected_delivery(stripe_on, django_capture_on_commit_callbacks):
    campaign, product = _campaign_product(goal=1)
    order = _preorder(product.variants.get(), 1)
    assert order.status == OrderStatus.AUTHORIZED
    Campaign.objects.filter(pk=campaign.pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    campaign.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_campaigns")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    confirmation = next(m for m in mail.outbox if order.number in m.subject and "confirmation" in m.subject.lower())
    ends = timezone.localdate(campaign.ends_at)
    days = (order.delivery_days_min, order.delivery_days_max) if order.delivery_days_max else (2, 4)
    earliest = date_format(add_working_days(ends, 5 + days[0]), "DATE_FORMAT")
    latest = date_format(add_working_days(ends, 10 + days[1]), "DATE_FORMAT")
    expected = f"Pre-order: expected delivery between {earliest} and {latest}."
    assert expected in confirmation.body
    assert expected in confirmation.alternatives[0][0]
    assert "working days after payment" not in confirmation.body
