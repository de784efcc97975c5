"""The postcode error names the chosen country in a sentence that reads right in English and German.

"for United States", "für Vereinigte Staaten", "für Schweiz" were wrong: country names need articles
("the", "die", "das") that vary per country. The message names the country after "Country:" instead.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from shop.countries import COUNTRIES
from shop.services.addresses import address_clean

EXPECTED = {
    "en": ("Please enter a valid postcode. Country: {name}, for example {example}.", "for {name}"),
    "de": ("Bitte gib eine gültige Postleitzahl ein. Land: {name}, zum Beispiel {example}.", "für {name}"),
}
EXPECTED_WITHOUT_EXAMPLE = {
    "en": "Please enter a valid postcode. Country: {name}.",
    "de": "Bitte gib eine gültige Postleitzahl ein. Land: {name}.",
}


def _postcode_error(code: str) -> str:
    data = {"name": "Erika Mustermann", "line1": "Hauptstraße 5", "city": "Berlin", "country": code}
    data["postcode"] = "0" * 13  # too long for every country, with or without a pattern
    with pytest.raises(ValidationError) as raised:
        address_clean(data)
    return raised.value.message_dict["postcode"][0]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_postcode_error_names_the_chosen_country(code, language):
    country = COUNTRIES[code]
    name = country.name_de if language == "de" else country.name_en
    with translation.override(language):
        message = _postcode_error(code)
    if country.postcode_example:
        sentence, wrong = EXPECTED[language]
        assert message == sentence.format(name=name, example=country.postcode_example)
    else:
        assert message == EXPECTED_WITHOUT_EXAMPLE[language].format(name=name)
        wrong = EXPECTED[language][1]
    assert wrong.format(name=name) not in message
