"""Delivery addresses: country-specific checks, and a member's saved addresses."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shop.countries import COUNTRIES, REGIONS, country_name, postcode_matches
from shop.models import Address

ADDRESS_FIELDS = ("name", "company", "line1", "line2", "postcode", "city", "region", "country", "phone")
MAX_ADDRESSES = 20


@dataclass(frozen=True)
class AddressData:
    name: str
    line1: str
    postcode: str
    city: str
    country: str
    company: str = ""
    line2: str = ""
    region: str = ""
    phone: str = ""

    def order_fields(self) -> dict[str, str]:
        """The Order's snapshot fields (shipping_*)."""
        return {f"shipping_{key}": value for key, value in asdict(self).items()}

    @classmethod
    def from_address(cls, address: Address) -> AddressData:
        return cls(**{key: getattr(address, key) for key in ADDRESS_FIELDS})

    @property
    def country_name(self) -> str:
        return country_name(self.country)


def normalise_postcode(country: str, raw: str) -> str:
    postcode = re.sub(r"\s+", " ", (raw or "").strip().upper())
    compact = postcode.replace(" ", "")
    if country in ("GB", "CA") and len(compact) > 3:
        return f"{compact[:-3]} {compact[-3:]}"
    if country == "NL" and re.fullmatch(r"\d{4}[A-Z]{2}", compact):
        return f"{compact[:4]} {compact[4:]}"
    return postcode


def _region(country: str, raw: str) -> str:
    regions = REGIONS.get(country)
    value = (raw or "").strip()
    if not regions:
        return value
    upper = value.upper()
    if upper in regions:
        return upper
    for code, name in regions.items():
        if name.lower() == value.lower():
            return code
    return ""


def postcode_error(country: str) -> str:
    """Names the country after "Country:": "for United States" or "für Schweiz" would need an article."""
    example = COUNTRIES[country].postcode_example
    if not example:
        return _("Please enter a valid postcode. Country: %(country)s.") % {"country": country_name(country)}
    return _("Please enter a valid postcode. Country: %(country)s, for example %(example)s.") % {
        "country": country_name(country),
        "example": example,
    }


def address_clean(data: dict, *, allowed_countries: set[str] | None = None) -> AddressData:
    """A checked, normalised address, or a ValidationError with a message per field."""
    values = {key: str(data.get(key) or "").strip() for key in ADDRESS_FIELDS}
    errors: dict[str, str] = {}
    country = values["country"].upper()
    values["country"] = country
    if country not in COUNTRIES or (allowed_countries is not None and country not in allowed_countries):
        errors["country"] = _("We do not deliver to this country yet.")
    for key, label in (("name", _("your name")), ("line1", _("street and number")), ("city", _("the city"))):
        if not values[key]:
            errors[key] = _("Please enter %(what)s.") % {"what": label}
    if values["line1"] and not re.search(r"\d", values["line1"]) and country in ("DE", "AT", "CH"):
        errors["line1"] = _("Please add the house number.")
    if "country" not in errors:
        values["postcode"] = normalise_postcode(country, values["postcode"])
        if not postcode_matches(country, values["postcode"]):
            errors["postcode"] = postcode_error(country)
        if country in REGIONS:
            region = _region(country, values["region"])
            if not region:
                errors["region"] = (
                    _("Please choose the state.") if country == "US" else _("Please choose the province.")
                )
            values["region"] = region
    phone = values["phone"]
    if phone and (not re.fullmatch(r"\+?[\d ()/.-]{6,25}", phone) or len(re.sub(r"\D", "", phone)) < 6):
        errors["phone"] = _("Please enter a phone number with digits only (a leading + is fine).")
    for key in ADDRESS_FIELDS:
        limit = Address._meta.get_field(key).max_length
        if len(values[key]) > limit:
            errors[key] = _("At most %(n)s characters.") % {"n": limit}
    if errors:
        raise ValidationError(errors)
    return AddressData(**values)


def address_save(*, user, data: AddressData, make_default: bool = False, address: Address | None = None) -> Address:
    """Create or update a member's saved address; the first one becomes the default."""
    with transaction.atomic():
        if address is not None and address.user_id != user.pk:
            raise ValidationError(_("This is not your address."))
        if address is None:
            if Address.objects.filter(user=user).count() >= MAX_ADDRESSES:
                raise ValidationError(_("You can save up to %(n)s addresses.") % {"n": MAX_ADDRESSES})
            address = Address(user=user)
        for key, value in asdict(data).items():
            setattr(address, key, value)
        has_default = Address.objects.filter(user=user, is_default=True).exclude(pk=address.pk).exists()
        if make_default or not has_default:
            Address.objects.filter(user=user, is_default=True).exclude(pk=address.pk).update(is_default=False)
            address.is_default = True
        address.save()
    return address


def address_set_default(*, user, address_id: int) -> Address:
    with transaction.atomic():
        address = Address.objects.select_for_update().filter(user=user, pk=address_id).first()
        if address is None:
            raise ValidationError(_("This is not your address."))
        Address.objects.filter(user=user, is_default=True).exclude(pk=address.pk).update(is_default=False)
        address.is_default = True
        address.save(update_fields=["is_default"])
    return address


def address_delete(*, user, address_id: int) -> None:
    with transaction.atomic():
        address = Address.objects.filter(user=user, pk=address_id).first()
        if address is None:
            raise ValidationError(_("This is not your address."))
        was_default = address.is_default
        address.delete()
        if was_default:
            successor = Address.objects.filter(user=user).order_by("-created_at", "-id").first()
            if successor:
                successor.is_default = True
                successor.save(update_fields=["is_default"])
