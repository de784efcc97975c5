"""VAT and shipping by destination, against totals computed by hand (the rule: shop/services/pricing.py, README).

The cart: two T-shirts at 25.00 € and one poster at 19.00 €, prices incl. 19 % German VAT.
Zones (set up here, like the seeded defaults): Germany; EU (AT, FR); rest of Europe (CH); world (US).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop.cart import MemberCart
from shop.errors import ShopError
from shop.models import ShippingMethod, ShippingRate, ShippingZone
from shop.services.addresses import AddressData
from shop.services.checkout import order_create
from shop.services.pricing import destination_price, quote, vat_rate_for
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def zones():
    ShippingZone.objects.all().delete()
    spec = [
        ("Germany", "DE", 2, 4, "100.00", ("4.90", "1.00"), ("5.90", "1.50")),
        ("EU", "AT, FR", 4, 8, "150.00", ("8.90", "2.00"), ("10.90", "2.50")),
        ("Europe", "CH", 5, 10, None, ("14.90", "3.00"), ("16.90", "3.50")),
        ("World", "US", 7, 15, None, ("19.90", "4.00"), ("22.90", "4.50")),
    ]
    for position, (name, countries, dmin, dmax, free, any_rate, poster_rate) in enumerate(spec):
        zone = ShippingZone.objects.create(name=name, countries=countries, position=position)
        method = ShippingMethod.objects.create(
            zone=zone,
            name=f"Standard {name}",
            delivery_days_min=dmin,
            delivery_days_max=dmax,
            free_shipping_threshold=D(free) if free else None,
        )
        ShippingRate.objects.create(
            method=method, product_type="", first_item=D(any_rate[0]), additional_item=D(any_rate[1])
        )
        ShippingRate.objects.create(
            method=method, product_type="poster", first_item=D(poster_rate[0]), additional_item=D(poster_rate[1])
        )


class Line:
    def __init__(self, variant, quantity):
        self.variant, self.quantity, self.unit_price = variant, quantity, variant.product.price


@pytest.fixture
def cart_lines():
    tee = make_product(price="25.00", product_type="tshirt").variants.get()
    poster = make_product(price="19.00", product_type="poster").variants.get()
    return [Line(tee, 2), Line(poster, 1)]


def _totals(q):
    return (q.subtotal, q.shipping_cost, q.total, q.vat_total)


def test_germany_keeps_the_catalogue_price_and_19_percent(zones, cart_lines):
    q = quote(lines=cart_lines, country="DE")
    # Shipping: the poster's first-item rate 5.90 (the highest) + 1.00 for each further T-shirt = 7.90.
    # Goods 2 × 25.00 + 19.00 = 69.00; total 76.90; VAT 76.90 × 19/119 = 12.278… → 12.28.
    assert _totals(q) == (D("69.00"), D("7.90"), D("76.90"), D("12.28"))
    assert q.vat_rate == D("0.19")
    assert (q.shipping.days_min, q.shipping.days_max) == (2, 4)


def test_austria_recomputes_from_the_german_net_at_20_percent(zones, cart_lines):
    q = quote(lines=cart_lines, country="AT")
    # T-shirt: 25.00 / 1.19 = 21.0084… × 1.20 = 25.2100… → 25.21; poster: 19.00 / 1.19 × 1.20 = 19.1596… → 19.16.
    assert [line.unit_price for line in q.lines] == [D("25.21"), D("19.16")]
    # Shipping in German gross: 10.90 + 2 × 2.00 = 14.90 → / 1.19 × 1.20 = 15.0252… → 15.03.
    # Goods 2 × 25.21 + 19.16 = 69.58; total 84.61; VAT 84.61 × 20/120 = 14.1016… → 14.10.
    assert _totals(q) == (D("69.58"), D("15.03"), D("84.61"), D("14.10"))
    assert q.vat_rate == D("0.20")


def test_france_one_t_shirt_at_20_percent(zones, cart_lines):
    q = quote(lines=[Line(cart_lines[0].variant, 1)], country="FR")
    # 25.21 as for Austria; shipping 8.90 / 1.19 × 1.20 = 8.9747… → 8.97; total 34.18; VAT 34.18 / 6 = 5.696… → 5.70.
    assert _totals(q) == (D("25.21"), D("8.97"), D("34.18"), D("5.70"))


def test_switzerland_is_export_net_prices_no_vat(zones, cart_lines):
    q = quote(lines=cart_lines, country="CH")
    # Net: 25.00 / 1.19 = 21.008… → 21.01; 19.00 / 1.19 = 15.966… → 15.97; goods 2 × 21.01 + 15.97 = 57.99.
    # Shipping 16.90 + 2 × 3.00 = 22.90 → / 1.19 = 19.243… → 19.24; total 77.23; no VAT.
    assert _totals(q) == (D("57.99"), D("19.24"), D("77.23"), D("0.00"))
    assert q.vat_rate == 0


def test_united_states_is_export_net_prices_no_vat(zones, cart_lines):
    q = quote(lines=cart_lines, country="US")
    # Goods as for Switzerland 57.99; shipping 22.90 + 2 × 4.00 = 30.90 → / 1.19 = 25.966… → 25.97; total 83.96.
    assert _totals(q) == (D("57.99"), D("25.97"), D("83.96"), D("0.00"))
    assert (q.shipping.days_min, q.shipping.days_max) == (7, 15)


def test_free_shipping_from_the_threshold(zones, cart_lines):
    tee = cart_lines[0].variant
    below = quote(lines=[Line(tee, 3)], country="DE")  # 75.00 of goods
    assert (below.shipping_cost, below.shipping.free) == (D("6.90"), False)  # 4.90 + 2 × 1.00
    at = quote(lines=[Line(tee, 4)], country="DE")  # 100.00 of goods
    # Free: total 100.00, VAT 100 × 19/119 = 15.966… → 15.97.
    assert (at.shipping_cost, at.shipping.free, at.total, at.vat_total) == (D("0.00"), True, D("100.00"), D("15.97"))


def test_rates_and_helpers(zones):
    assert vat_rate_for("DE") == D("0.19") and vat_rate_for("LU") == D("0.17") and vat_rate_for("FI") == D("0.255")
    assert vat_rate_for("GB") == 0 and vat_rate_for("US") == 0
    assert destination_price(D("23.80"), "DE") == D("23.80")
    assert destination_price(D("23.80"), "AT") == D("24.00")  # 20.00 net
    assert destination_price(D("23.80"), "LU") == D("23.40")
    assert destination_price(D("23.80"), "US") == D("20.00")


def test_a_country_without_a_zone_cannot_be_ordered_to(zones, cart_lines):
    assert not quote(lines=cart_lines, country="JP").deliverable
    buyer = UserFactory()
    cart = MemberCart(buyer)
    cart.set(cart_lines[0].variant.pk, 1)
    address = AddressData(name="Aiko", line1="1-1 Chiyoda", postcode="100-0001", city="Tokyo", country="JP")
    with pytest.raises(ShopError, match="cannot ship"):
        order_create(cart=cart, user=buyer, address=address)


@pytest.mark.parametrize(
    "country,postcode,expected",
    [
        # (goods, shipping, total, VAT, rate) of the same cart as above, snapshotted on the order.
        ("DE", "10115", ("69.00", "7.90", "76.90", "12.28", "0.19")),
        ("AT", "1010", ("69.58", "15.03", "84.61", "14.10", "0.20")),
        ("CH", "8001", ("57.99", "19.24", "77.23", "0.00", "0")),
        ("US", "10001", ("57.99", "25.97", "83.96", "0.00", "0")),
    ],
)
def test_order_snapshots_the_destination_totals(zones, cart_lines, country, postcode, expected):
    buyer = UserFactory()
    cart = MemberCart(buyer)
    for line in cart_lines:
        cart.set(line.variant.pk, line.quantity)
    address = AddressData(
        name="Kim Buyer",
        line1="Main Street 1",
        postcode=postcode,
        city="Town",
        country=country,
        region="NY" if country == "US" else "",
    )
    order = order_create(cart=cart, user=buyer, address=address)
    goods, shipping, total, vat, rate = (D(v) for v in expected)
    assert (order.subtotal, order.shipping_cost, order.total, order.vat_total) == (goods, shipping, total, vat)
    assert order.shipping_vat_rate == rate
    assert {line.vat_rate for line in order.lines.all()} == {rate}
    assert sum(line.line_total for line in order.lines.all()) == goods
    assert order.shipping_country == country and order.shipping_method_name.startswith("Standard")
    assert order.delivery_days_min and order.delivery_days_max
