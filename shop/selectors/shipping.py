"""Where the shop delivers, and how: zones, methods and rates as configured in the Wagtail admin."""

from __future__ import annotations

from django.db.models import Prefetch

from shop.countries import COUNTRIES, HOME_COUNTRY, Country
from shop.models import Address, ShippingMethod, ShippingRate, ShippingZone


def zone_for_country(*, country: str) -> ShippingZone | None:
    code = (country or "").upper()
    for zone in ShippingZone.objects.all():
        if code in zone.country_codes:
            return zone
    return None


def methods_for_country(*, country: str) -> list[ShippingMethod]:
    """Offered methods into the country's zone, cheapest position first, with their rates (two queries)."""
    zone = zone_for_country(country=country)
    if zone is None:
        return []
    return list(
        ShippingMethod.objects.filter(zone=zone, is_active=True)
        .prefetch_related(Prefetch("rates", queryset=ShippingRate.objects.all()))
        .order_by("position", "id")
    )


def shipping_countries() -> list[Country]:
    """Countries with at least one offered method, by name in the current language (Germany first)."""
    codes: set[str] = set()
    zone_ids = set(ShippingMethod.objects.filter(is_active=True).values_list("zone_id", flat=True))
    for zone in ShippingZone.objects.filter(pk__in=zone_ids):
        codes.update(code for code in zone.country_codes if code in COUNTRIES)
    countries = sorted((COUNTRIES[code] for code in codes), key=lambda c: c.name)
    return sorted(countries, key=lambda c: c.code != HOME_COUNTRY)


def addresses_for_user(*, user) -> list[Address]:
    if not user or not user.is_authenticated:
        return []
    return list(Address.objects.filter(user=user))


def default_address(*, user) -> Address | None:
    if not user or not user.is_authenticated:
        return None
    return Address.objects.filter(user=user).order_by("-is_default", "-created_at").first()


def preferred_country(*, user) -> str:
    """The country a visitor most likely ships to: their default address's, else the shop's home country."""
    address = default_address(user=user)
    return address.country if address else HOME_COUNTRY
