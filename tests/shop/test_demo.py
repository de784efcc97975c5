import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Sum

from makers.models import RoyaltyEntry
from makers.selectors import royalty_summary
from shop.demo import DEMO_LIFECYCLE
from shop.models import Campaign, Invoice, Order, Product, Review

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_shop_and_is_idempotent(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-progress")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-progress", stdout=out)
    guest_link = Order.objects.get(number="DEMO00000010").get_absolute_url()
    assert guest_link.startswith("/shop/orders/DEMO00000010:") and guest_link in out.getvalue()
    assert Product.objects.filter(status="on_sale").count() == 3
    assert Campaign.objects.filter(status="running").count() == 1
    order = Order.objects.get(number="DEMO00000001")
    assert order.user.email == "member@example.com" and order.status == "paid"
    assert Review.objects.filter(author=order.user).count() == 1
    assert RoyaltyEntry.objects.filter(order_line__order=order).count() == 1
    # Orders in every state after payment: a shipped one with tracking, a returned and refunded one, invoices.
    states = dict(Order.objects.filter(number__in=[n for n, _ in DEMO_LIFECYCLE]).values_list("number", "status"))
    assert states == dict(DEMO_LIFECYCLE)
    shipped = Order.objects.get(number="DEMO00000005")
    assert shipped.carrier == "dhl" and shipped.tracking_url
    refunded = Order.objects.get(number="DEMO00000008")
    assert refunded.refunded_amount > 0 and refunded.invoices.filter(kind="credit_note").exists()
    # The refund's note in the buyer's timeline reads like a real refund's, in the money format.
    assert refunded.history.get(to_status="refunded").note == "Refunded 29.90\xa0€."
    assert Invoice.objects.filter(kind="invoice").count() == 7
    # A guest's delivered order, whose signed link seed_demo prints: invoice and return form on that page.
    guest = Order.objects.get(number="DEMO00000010")
    assert guest.user is None and guest.status == "delivered" and guest.invoices.count() == 1
    assert (RoyaltyEntry.objects.filter(order_line__order=refunded).aggregate(s=Sum("amount"))["s"] or 0) == 0
    assert Group.objects.get(name="Fulfilment").user_set.filter(email="shop@example.com").exists()
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
    from core.links import site_links
    from core.models import SiteLinks

    assert SiteLinks.objects.get().terms_page.slug == "terms"
    assert {"url": "/imprint/", "label": "Imprint"} in site_links("en")["footer"]
    assert {"url": "/de/imprint/", "label": "Impressum"} in site_links("de")["footer"]
    assert site_links("de")["legal"]["withdrawal"] == "/de/withdrawal/"
    product = client.get("/shop/forest-pattern-tee/").content.decode()
    assert "Product safety" in product and "Commonmade Print GmbH" in product and "30 °C" in product
    assert "Delivery to Germany in 2–4 working days" in product
    from shop.models import Address

    assert Address.objects.get(user__email="member@example.com").is_default
