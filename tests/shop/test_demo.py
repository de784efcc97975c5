import pytest
from django.core.management import call_command

from makers.models import RoyaltyEntry, RoyaltyKind
from makers.selectors import royalty_summary
from shop.models import Campaign, Order, Product, Review

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_shop_and_is_idempotent(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-progress")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-progress")
    assert Product.objects.filter(status="on_sale").count() == 3
    assert Campaign.objects.filter(status="running").count() == 1
    order = Order.objects.get(number="DEMO00000001")
    assert order.user.email == "member@example.com" and order.status == "paid"
    assert Review.objects.filter(author=order.user).count() == 1
    assert RoyaltyEntry.objects.filter(kind=RoyaltyKind.EARNING).count() == 1
    maker = Product.objects.get(slug="forest-pattern-tee").design.maker
    assert royalty_summary(maker=maker)["earned"] > 0
