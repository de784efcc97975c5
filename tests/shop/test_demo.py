import pytest
from django.core.management import call_command

from makers.models import RoyaltyEntry
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
    assert RoyaltyEntry.objects.count() == 1
    maker = Product.objects.get(slug="forest-pattern-tee").design.maker
    assert royalty_summary(maker=maker)["earned"] > 0


def test_seed_demo_makes_legal_pages_product_safety_and_a_saved_address(
    client, settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-progress")
    checks = {
        "/terms/": "Order and pay",
        "/withdrawal/": "Model withdrawal form",
        "/shipping/": "free from 60",
        "/imprint/": "Commercial register",
        "/privacy/": "Stripe",
        "/de/terms/": "Zahlungspflichtig bestellen",
        "/de/withdrawal/": "Muster-Widerrufsformular",
        "/de/shipping/": "Werktage",
        "/de/imprint/": "Handelsregister",
        "/de/privacy/": "DSGVO",
    }
    for path, text in checks.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert text in response.content.decode(), path
    product = client.get("/shop/forest-pattern-tee/").content.decode()
    assert "Product safety" in product and "Commonmade Print GmbH" in product and "30 °C" in product
    assert "Delivery to Germany in 2–4 working days" in product
    from shop.models import Address

    assert Address.objects.get(user__email="member@example.com").is_default
