"""Where the shop delivers, and how: zones, methods and rates as configured in the Wagtail admin."""

from __future__ import annotations

from django.db.models import Prefetch

from shop.countries import COUNTRIES, HOME_COUNTRY, Country
from shop.models import Address, ShippingMethod, ShippingRate, ShippingZone


def _shipping_table() -> list[ShippingZone]:
    """Every zone (in order) with its offered methods and their rates: the shop's configuration, read
    on every product and checkout page, so cached like a page fragment (saving a zone, method or rate
    empties that cache: PAGE_CACHE_INVALIDATED_BY)."""
    from core.pagecache import cached_fragment

    def read() -> list[ShippingZone]:
        zones = list(ShippingZone.objects.all())
        methods = (
            ShippingMethod.objects.filter(is_active=True)
            .prefetch_related(Prefetch("rates", queryset=ShippingRate.objects.all()))
            .order_by("position", "id")
        )
        by_zone: dict[int, list[ShippingMethod]] = {}
        for method in methods:
            by_zone.setdefault(method.zone_id, []).append(method)
        for zone in zones:
            zone.offered_methods = by_zone.get(zone.pk, [])
            for method in zone.offered_methods:
                method.zone = zone
        return zones

    return cached_fragment("shop:shipping-table", read)


def zone_for_country(*, country: str) -> ShippingZone | None:
    code = (country or "").upper()
    for zone in _shipping_table():
        if code in zone.country_codes:
            return zone
    return None


def methods_for_country(*, country: str) -> list[ShippingMethod]:
    """Offered methods into the country's zone, cheapest position first, with their rates."""
    zone = zone_for_country(country=country)
    if zone is None:
        return []
    return list(zone.offered_methods)


def shipping_countries() -> list[Country]:
    """Countries with at least one offered method, by name in the current language (Germany first)."""
    codes: set[str] = set()
    for zone in _shipping_table():
        if zone.offered_methods:
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
