"""Countries the shop can deliver to: names in both site languages, postcode formats, VAT rates.

Data only; the rules that use it live in shop/services/addresses.py and shop/services/pricing.py.
Which of these countries the shop actually delivers to is decided by the shipping zones (Wagtail admin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language

HOME_COUNTRY = "DE"


@dataclass(frozen=True)
class Country:
    code: str
    name_en: str
    name_de: str
    # A full match on the normalised postcode (upper case, single spaces); "" accepts any short text.
    postcode: str = ""
    postcode_example: str = ""
    # Standard VAT rate for EU member states (OSS); None outside the EU (export: no VAT).
    vat_rate: Decimal | None = None
    region_required: bool = False

    @property
    def name(self) -> str:
        return self.name_de if (get_language() or "en").startswith("de") else self.name_en

    @property
    def in_eu(self) -> bool:
        return self.vat_rate is not None


def _c(code, en, de, postcode="", example="", vat=None, region=False) -> Country:
    return Country(code, en, de, postcode, example, Decimal(vat) if vat is not None else None, region)


# EU standard VAT rates as of 1 August 2025 (European Commission, "VAT rates applied in the Member States").
# Update this table when a member state changes its standard rate; orders keep the rate they were taken with.
COUNTRIES: dict[str, Country] = {
    c.code: c
    for c in [
        # European Union
        _c("AT", "Austria", "Österreich", r"\d{4}", "1010", "0.20"),
        _c("BE", "Belgium", "Belgien", r"\d{4}", "1000", "0.21"),
        _c("BG", "Bulgaria", "Bulgarien", r"\d{4}", "1000", "0.20"),
        _c("HR", "Croatia", "Kroatien", r"\d{5}", "10000", "0.25"),
        _c("CY", "Cyprus", "Zypern", r"\d{4}", "1010", "0.19"),
        _c("CZ", "Czechia", "Tschechien", r"\d{3} ?\d{2}", "110 00", "0.21"),
        _c("DK", "Denmark", "Dänemark", r"\d{4}", "1050", "0.25"),
        _c("EE", "Estonia", "Estland", r"\d{5}", "10111", "0.24"),
        _c("FI", "Finland", "Finnland", r"\d{5}", "00100", "0.255"),
        _c("FR", "France", "Frankreich", r"\d{5}", "75001", "0.20"),
        _c("DE", "Germany", "Deutschland", r"\d{5}", "10115", "0.19"),
        _c("GR", "Greece", "Griechenland", r"\d{3} ?\d{2}", "105 57", "0.24"),
        _c("HU", "Hungary", "Ungarn", r"\d{4}", "1011", "0.27"),
        _c("IE", "Ireland", "Irland", r"[A-Z]\d[\dW] ?[0-9A-Z]{4}", "D02 X285", "0.23"),
        _c("IT", "Italy", "Italien", r"\d{5}", "00118", "0.22"),
        _c("LV", "Latvia", "Lettland", r"(LV-)?\d{4}", "LV-1050", "0.21"),
        _c("LT", "Lithuania", "Litauen", r"(LT-)?\d{5}", "LT-01100", "0.21"),
        _c("LU", "Luxembourg", "Luxemburg", r"(L-)?\d{4}", "L-1111", "0.17"),
        _c("MT", "Malta", "Malta", r"[A-Z]{3} ?\d{4}", "VLT 1117", "0.18"),
        _c("NL", "Netherlands", "Niederlande", r"\d{4} ?[A-Z]{2}", "1012 AB", "0.21"),
        _c("PL", "Poland", "Polen", r"\d{2}-\d{3}", "00-950", "0.23"),
        _c("PT", "Portugal", "Portugal", r"\d{4}-\d{3}", "1100-148", "0.23"),
        _c("RO", "Romania", "Rumänien", r"\d{6}", "010011", "0.21"),
        _c("SK", "Slovakia", "Slowakei", r"\d{3} ?\d{2}", "811 01", "0.23"),
        _c("SI", "Slovenia", "Slowenien", r"(SI-)?\d{4}", "1000", "0.22"),
        _c("ES", "Spain", "Spanien", r"\d{5}", "28001", "0.21"),
        _c("SE", "Sweden", "Schweden", r"\d{3} ?\d{2}", "111 22", "0.25"),
        # Rest of Europe (no EU VAT: export)
        _c("CH", "Switzerland", "Schweiz", r"\d{4}", "8001"),
        _c("LI", "Liechtenstein", "Liechtenstein", r"94[89]\d", "9490"),
        _c("GB", "United Kingdom", "Vereinigtes Königreich", r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}", "SW1A 1AA"),
        _c("NO", "Norway", "Norwegen", r"\d{4}", "0150"),
        _c("IS", "Iceland", "Island", r"\d{3}", "101"),
        # World
        _c("US", "United States", "Vereinigte Staaten", r"\d{5}(-\d{4})?", "10001", region=True),
        _c("CA", "Canada", "Kanada", r"[A-Z]\d[A-Z] \d[A-Z]\d", "K1A 0B1", region=True),
        _c("AU", "Australia", "Australien", r"\d{4}", "2000"),
        _c("NZ", "New Zealand", "Neuseeland", r"\d{4}", "6011"),
        _c("JP", "Japan", "Japan", r"\d{3}-\d{4}", "100-0001"),
    ]
}

US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}

CA_PROVINCES = {
    "AB": "Alberta",
    "BC": "British Columbia",
    "MB": "Manitoba",
    "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador",
    "NS": "Nova Scotia",
    "NT": "Northwest Territories",
    "NU": "Nunavut",
    "ON": "Ontario",
    "PE": "Prince Edward Island",
    "QC": "Quebec",
    "SK": "Saskatchewan",
    "YT": "Yukon",
}

REGIONS = {"US": US_STATES, "CA": CA_PROVINCES}

EU_COUNTRIES = frozenset(code for code, country in COUNTRIES.items() if country.in_eu)


def country(code: str) -> Country | None:
    return COUNTRIES.get((code or "").upper())


def country_name(code: str) -> str:
    found = country(code)
    return found.name if found else (code or "")


def postcode_matches(code: str, postcode: str) -> bool:
    found = country(code)
    if found is None or not found.postcode:
        return 0 < len(postcode) <= 12
    return re.fullmatch(found.postcode, postcode) is not None
