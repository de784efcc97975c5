"""Delivery addresses: postcode formats and required fields per country; a member's saved addresses."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from shop.models import Address
from shop.services.addresses import address_clean
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

BASE = {"name": "Kim Buyer", "line1": "Hauptstraße 5", "city": "Town"}


def _clean(country, postcode, **extra):
    return address_clean({**BASE, "country": country, "postcode": postcode, **extra})


def _errors(country, postcode, **extra) -> dict:
    with pytest.raises(ValidationError) as info:
        _clean(country, postcode, **extra)
    return info.value.message_dict


@pytest.mark.parametrize(
    "country,raw,normalised",
    [
        ("DE", "10115", "10115"),
        ("AT", "1010", "1010"),
        ("CH", "8001", "8001"),
        ("FR", "75001", "75001"),
        ("NL", "1012ab", "1012 AB"),
        ("PL", "00-950", "00-950"),
        ("PT", "1100-148", "1100-148"),
        ("IE", "d02 x285", "D02 X285"),
        ("SE", "111 22", "111 22"),
        ("GB", "sw1a1aa", "SW1A 1AA"),
        ("GB", "M1 1AE", "M1 1AE"),
        ("US", "10001", "10001"),
        ("US", "10001-1234", "10001-1234"),
    ],
)
def test_valid_postcodes_are_accepted_and_normalised(country, raw, normalised):
    address = _clean(country, raw, region="NY" if country == "US" else "")
    assert address.postcode == normalised and address.country == country


@pytest.mark.parametrize(
    "country,raw",
    [
        ("DE", "1011"),  # four digits is Austrian
        ("DE", "1O115"),
        ("AT", "10115"),
        ("CH", "80012"),
        ("FR", "7500"),
        ("NL", "1012"),
        ("PL", "00950"),
        ("GB", "12345"),
        ("US", "1000"),
        ("US", "ABCDE"),
    ],
)
def test_invalid_postcodes_are_refused_with_an_example(country, raw):
    errors = _errors(country, raw, region="NY")
    assert "postcode" in errors and "for example" in errors["postcode"][0]


def test_us_needs_a_state_and_takes_its_name_or_code():
    assert "region" in _errors("US", "10001")
    assert "region" in _errors("US", "10001", region="Bavaria")
    assert _clean("US", "10001", region="new york").region == "NY"
    assert _clean("US", "94103", region="ca").region == "CA"
    assert _clean("DE", "10115", region="").region == ""


def test_required_fields_house_number_phone_and_unknown_countries():
    errors = _errors("DE", "10115", name="", line1="Hauptstraße", city="")
    assert set(errors) >= {"name", "line1", "city"}
    assert "house number" in errors["line1"][0]
    assert "phone" in _errors("DE", "10115", phone="call me")
    assert _clean("DE", "10115", phone="+49 30 1234567").phone == "+49 30 1234567"
    assert "country" in _errors("XX", "12345")
    with pytest.raises(ValidationError):
        address_clean({**BASE, "country": "FR", "postcode": "75001"}, allowed_countries={"DE"})


def test_member_saves_lists_and_chooses_a_default_address(client):
    member = UserFactory()
    client.force_login(member)
    assert client.get("/account/addresses/").status_code == 200
    response = client.post("/account/addresses/add/", {**BASE, "postcode": "1010", "country": "AT", "line1": "Ring 1"})
    assert response.status_code == 302
    first = Address.objects.get(user=member)
    assert first.is_default  # the first address is the default
    bad = client.post("/account/addresses/add/", {**BASE, "postcode": "123", "country": "DE"})
    assert bad.status_code == 200 and "valid postcode. Country: Germany" in bad.content.decode()
    client.post("/account/addresses/add/", {**BASE, "postcode": "10115", "country": "DE"})
    second = Address.objects.exclude(pk=first.pk).get(user=member)
    assert not second.is_default
    client.post(f"/account/addresses/{second.pk}/default/")
    first.refresh_from_db(), second.refresh_from_db()
    assert second.is_default and not first.is_default
    page = client.get("/account/addresses/").content.decode()
    assert "Ring 1" in page and "Austria" in page
    # Somebody else's address is not theirs to touch.
    other = UserFactory()
    client.force_login(other)
    assert client.get(f"/account/addresses/{first.pk}/edit/").status_code == 404
    client.post(f"/account/addresses/{first.pk}/delete/")
    assert Address.objects.filter(pk=first.pk).exists()
    client.force_login(member)
    client.post(f"/account/addresses/{second.pk}/delete/")
    first.refresh_from_db()
    assert first.is_default  # the default moves to the one left
