"""Pre-order campaigns: manual capture through localstripe; goal reached captures all, missed cancels all."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from shop.cart import MemberCart
from shop.models import Campaign, CampaignStatus, OrderStatus
from shop.services.campaigns import campaign_start
from shop.services.checkout import order_create
from shop.services.payments import order_test_pay
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product
from tests.shop.conftest import ls_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return UserFactory(is_superuser=True)


def _campaign(editor, goal):
    product = make_product(made_to_order=True, stock=0, price="15.00")
    campaign = campaign_start(
        product=product, actor=editor, goal_units=goal, ends_at=timezone.now() + timedelta(days=3)
    )
    return campaign, product.variants.get()


def _preorder(variant, quantity=1):
    buyer = UserFactory()
    cart = MemberCart(buyer)
    cart.set(variant.pk, quantity)
    order = order_create(user=buyer, cart=cart)
    return order_test_pay(order=order, user=buyer)


def _expire(campaign):
    Campaign.objects.filter(pk=campaign.pk).update(ends_at=timezone.now() - timedelta(minutes=1))


def test_goal_reached_captures_every_authorisation(stripe_on, editor, django_capture_on_commit_callbacks):
    campaign, variant = _campaign(editor, goal=3)
    orders = [_preorder(variant, 2), _preorder(variant, 1)]
    for order in orders:
        assert order.status == OrderStatus.AUTHORIZED
        assert ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")["status"] == "requires_capture"
    _expire(campaign)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_campaigns")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SUCCEEDED
    for order in orders:
        order.refresh_from_db()
        assert order.status == OrderStatus.PAID
        assert ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")["status"] == "succeeded"
    # Running it again changes nothing and charges nobody twice.
    call_command("close_campaigns")
    assert all(o.royalty_entries.count() == 1 for order in orders for o in order.lines.all())


def test_goal_missed_cancels_every_authorisation_and_tells_everybody(
    stripe_on, editor, django_capture_on_commit_callbacks
):
    from django.core import mail

    campaign, variant = _campaign(editor, goal=5)
    orders = [_preorder(variant, 1), _preorder(variant, 2)]
    _expire(campaign)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_campaigns")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.FAILED
    for order in orders:
        order.refresh_from_db()
        assert order.status == OrderStatus.CANCELED
        assert "not charged" in order.note
        assert ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")["status"] == "canceled"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(o.email for o in orders)


def test_campaign_progress_shows_on_the_product_page(client, stripe_on, editor):
    campaign, variant = _campaign(editor, goal=4)
    _preorder(variant, 1)
    page = client.get(variant.product.get_absolute_url()).content.decode()
    assert "1 of 4 pre-ordered" in page
    assert 'max="4" value="1"' in page


def test_campaign_is_limited_to_seven_days(editor):
    product = make_product(made_to_order=True)
    with pytest.raises(ValidationError, match="at most 7 days"):
        campaign_start(product=product, actor=editor, goal_units=3, ends_at=timezone.now() + timedelta(days=8))
    assert not Campaign.objects.exists()


def test_the_celery_beat_schedule_runs_close_campaigns(settings):
    from config.celery import app
    from shop.tasks import close_campaigns

    assert settings.CELERY_BEAT_SCHEDULE["shop-close-campaigns"]["task"] == "shop.tasks.close_campaigns"
    assert "shop.tasks.close_campaigns" in app.tasks
    assert close_campaigns.run() == 0


def test_preorder_after_the_deadline_is_refused(client, stripe_on, editor):
    campaign, variant = _campaign(editor, goal=2)
    _expire(campaign)
    client.force_login(UserFactory())
    response = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1}, follow=True)
    assert "This pre-order campaign is closed." in response.content.decode()
