"""Shipping zones, methods and rates are set up by staff in the Wagtail admin (snippets), and checkout uses them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from shop.models import ShippingMethod, ShippingZone
from shop.services.pricing import quote
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product

pytestmark = pytest.mark.django_db


class Line:
    def __init__(self, variant, quantity):
        self.variant, self.quantity, self.unit_price = variant, quantity, variant.product.price


def _admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


def test_seeded_zones_ship_to_germany_the_eu_switzerland_the_uk_and_the_us():
    names = list(ShippingZone.objects.values_list("name", flat=True))
    assert names == ["Germany", "European Union", "Switzerland, UK and rest of Europe", "World"]
    tee = make_product(price="25.00").variants.get()
    for country in ("DE", "AT", "FR", "CH", "GB", "US"):
        assert quote(lines=[Line(tee, 1)], country=country).deliverable, country


def test_staff_add_a_zone_and_a_method_with_rates_and_checkout_uses_them(client):
    _admin(client)
    zones_url = reverse(ShippingZone.snippet_viewset.get_url_name("add"))
    assert client.get(zones_url).status_code == 200
    # A country can only be in one zone, and codes must be known.
    clash = client.post(zones_url, {"name": "Nordics", "countries": "SE, ZZ", "position": 9})
    assert clash.status_code == 200 and not ShippingZone.objects.filter(name="Nordics").exists()
    ShippingZone.objects.filter(name="European Union").update(countries="AT, FR")
    response = client.post(zones_url, {"name": "Nordics", "countries": "se dk, fi", "position": 9})
    assert response.status_code == 302
    nordics = ShippingZone.objects.get(name="Nordics")
    assert nordics.countries == "SE, DK, FI"

    methods_url = reverse(ShippingMethod.snippet_viewset.get_url_name("add"))
    assert client.get(methods_url).status_code == 200
    data = {
        "zone": nordics.pk,
        "name": "Nordic post",
        "delivery_days_min": 3,
        "delivery_days_max": 6,
        "free_shipping_threshold": "80.00",
        "is_active": "on",
        "position": 0,
        "rates-TOTAL_FORMS": 2,
        "rates-INITIAL_FORMS": 0,
        "rates-MIN_NUM_FORMS": 1,
        "rates-MAX_NUM_FORMS": 1000,
        "rates-0-product_type": "",
        "rates-0-first_item": "11.90",
        "rates-0-additional_item": "2.38",
        "rates-0-ORDER": 1,
        "rates-1-product_type": "mug",
        "rates-1-first_item": "13.09",
        "rates-1-additional_item": "3.57",
        "rates-1-ORDER": 2,
    }
    response = client.post(methods_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    method = ShippingMethod.objects.get(name="Nordic post")
    assert method.rates.count() == 2

    tee = make_product(price="23.80", product_type="tshirt").variants.get()
    mug = make_product(price="11.90", product_type="mug").variants.get()
    q = quote(lines=[Line(tee, 1), Line(mug, 1)], country="SE")
    # Sweden 25 %: tee 23.80 / 1.19 × 1.25 = 25.00; mug 11.90 / 1.19 × 1.25 = 12.50.
    # Shipping: mug first 13.09 + tee further 2.38 = 15.47 German gross → / 1.19 × 1.25 = 16.25.
    assert (q.subtotal, q.shipping_cost, q.total, q.shipping.name) == (
        Decimal("37.50"),
        Decimal("16.25"),
        Decimal("53.75"),
        "Nordic post",
    )
    assert (q.shipping.days_min, q.shipping.days_max) == (3, 6)
    # Over the threshold (80.00 of goods): free.
    assert quote(lines=[Line(tee, 4)], country="SE").shipping_cost == 0


def test_members_without_admin_rights_cannot_edit_shipping(client):
    client.force_login(UserFactory())
    response = client.get(reverse(ShippingMethod.snippet_viewset.get_url_name("add")))
    assert response.status_code in (302, 403)
