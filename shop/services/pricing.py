"""What an order costs delivered to a country: goods, shipping and VAT, computed on the server, Decimal throughout.

The rule (also in the README, "Prices, VAT and shipping"):

* Catalogue prices and shipping rates are gross prices that include German VAT (19 %).
* Delivery to Germany: the price is the catalogue price.
* Delivery to another EU country (one-stop shop, OSS): the net price is the German gross divided by 1.19;
  the destination country's standard rate is added to it. The buyer pays that country's VAT, so the price
  changes with the country (Austria 20 %: 23.80 € becomes 24.00 €; Luxembourg 17 %: 23.40 €).
* Delivery outside the EU (export): the net price, no VAT (import duties and VAT of the destination country
  are the buyer's, collected by the carrier).
* Rounding: each unit price is rounded to the cent (half up) once; line totals are unit price × quantity.
  Shipping follows the same rule as goods. The VAT contained in the order is computed once from the gross
  total at the order's single rate: total × rate / (1 + rate), rounded to the cent.
* Shipping of a method: the highest "first item" rate among the units, plus each further unit's "each
  further item" rate (rates per product type, a rate without type for all others). Free when the goods
  total the buyer pays reaches the method's free-shipping threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from core.money import quantize
from shop.countries import COUNTRIES, HOME_COUNTRY
from shop.models import ProductVariant, ShippingMethod
from shop.selectors.shipping import methods_for_country

ZERO = Decimal("0.00")
HOME_VAT_RATE = COUNTRIES[HOME_COUNTRY].vat_rate


def vat_rate_for(country: str) -> Decimal:
    """The destination's standard VAT rate inside the EU; 0 for export."""
    found = COUNTRIES.get((country or "").upper())
    return found.vat_rate if found is not None and found.vat_rate is not None else Decimal("0")


def destination_price(gross_de: Decimal, country: str) -> Decimal:
    """A German gross price as charged for delivery to `country` (rounded to the cent)."""
    gross_de = Decimal(gross_de)
    rate = vat_rate_for(country)
    if rate == HOME_VAT_RATE:
        return quantize(gross_de)
    net = gross_de / (1 + HOME_VAT_RATE)
    return quantize(net * (1 + rate))


def vat_contained(gross: Decimal, rate: Decimal) -> Decimal:
    if not rate:
        return ZERO
    return quantize(Decimal(gross) * rate / (1 + rate))


@dataclass
class QuoteLine:
    variant: ProductVariant
    quantity: int
    unit_price: Decimal
    offer_key: str = ""  # the offer the line is priced under (shop/offers.py), kept on the order line

    @property
    def product(self):
        return self.variant.product

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class ShippingOption:
    method: ShippingMethod
    cost: Decimal  # for the destination, VAT rule applied
    free: bool

    @property
    def pk(self) -> int:
        return self.method.pk

    @property
    def name(self) -> str:
        return self.method.name

    @property
    def days_min(self) -> int:
        return self.method.delivery_days_min

    @property
    def days_max(self) -> int:
        return self.method.delivery_days_max


@dataclass
class Quote:
    country: str
    vat_rate: Decimal
    lines: list[QuoteLine] = field(default_factory=list)
    options: list[ShippingOption] = field(default_factory=list)
    shipping: ShippingOption | None = None

    @property
    def subtotal(self) -> Decimal:
        return sum((line.line_total for line in self.lines), ZERO)

    @property
    def shipping_cost(self) -> Decimal:
        return self.shipping.cost if self.shipping else ZERO

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping_cost

    @property
    def vat_total(self) -> Decimal:
        return vat_contained(self.total, self.vat_rate)

    @property
    def net_total(self) -> Decimal:
        return self.total - self.vat_total

    @property
    def vat_percent(self) -> Decimal:
        return (self.vat_rate * 100).normalize()

    @property
    def deliverable(self) -> bool:
        return self.shipping is not None

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)


def shipping_cost_de(method: ShippingMethod, units: list[ProductVariant]) -> Decimal | None:
    """The method's price in German gross for these units, before any threshold; None if a type has no rate."""
    rates = {rate.product_type: rate for rate in method.rates.all()}
    firsts, furthers = [], []
    for variant in units:
        rate = rates.get(variant.product.product_type) or rates.get("")
        if rate is None:
            return None
        firsts.append(rate.first_item)
        furthers.append(rate.additional_item)
    if not units:
        return ZERO
    # The unit with the highest first-item rate ships as the first item; every other unit as a further one.
    first = max(range(len(units)), key=lambda i: firsts[i])
    return firsts[first] + sum((furthers[i] for i in range(len(units)) if i != first), ZERO)


def quote(*, lines: list, country: str, method_id: int | str | None = None) -> Quote:
    """Price cart lines (objects with .variant and .quantity) for delivery to `country`.

    `method_id` chooses among the offered methods; unknown or missing picks the first one offered.
    """
    country = (country or "").upper()
    result = Quote(country=country, vat_rate=vat_rate_for(country))
    result.lines = [
        QuoteLine(
            variant=line.variant,
            quantity=line.quantity,
            unit_price=destination_price(line.unit_price, country),
            offer_key=getattr(getattr(line, "offer", None), "key", ""),
        )
        for line in lines
    ]
    units = [line.variant for line in lines for _ in range(line.quantity)]
    for method in methods_for_country(country=country):
        cost_de = shipping_cost_de(method, units)
        if cost_de is None:
            continue
        free = method.free_shipping_threshold is not None and result.subtotal >= method.free_shipping_threshold
        cost = ZERO if free else destination_price(cost_de, country)
        result.options.append(ShippingOption(method=method, cost=cost, free=free))
    chosen = str(method_id or "")
    result.shipping = next((o for o in result.options if str(o.pk) == chosen), None) or (
        result.options[0] if result.options else None
    )
    return result


@dataclass
class DeliveryEstimate:
    country: str
    country_name: str
    days_min: int
    days_max: int
    cost: Decimal
    free_from: Decimal | None


def delivery_estimate(*, variant: ProductVariant, country: str) -> DeliveryEstimate | None:
    """For the product page: the first offered method for one unit of this product to `country`."""

    class _One:
        def __init__(self, variant):
            self.variant, self.quantity, self.unit_price = variant, 1, variant.product.price

    found = quote(lines=[_One(variant)], country=country)
    if not found.options:
        return None
    option = found.options[0]
    cost = (
        destination_price(shipping_cost_de(option.method, [variant]) or ZERO, country) if option.free else option.cost
    )
    threshold = option.method.free_shipping_threshold
    return DeliveryEstimate(
        country=country,
        country_name=COUNTRIES[country].name if country in COUNTRIES else country,
        days_min=option.days_min,
        days_max=option.days_max,
        cost=cost,
        free_from=threshold,
    )
