"""Money: Decimal euros, cents at the Stripe boundary, one format per language."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.money import format_money, from_cents, quantize, to_cents


@pytest.mark.parametrize(
    ("amount", "cents"),
    [(Decimal("19.90"), 1990), (Decimal("0.005"), 1), (Decimal("1234.5"), 123450), (Decimal("0"), 0)],
)
def test_cents_round_half_up(amount, cents):
    assert to_cents(amount) == cents


def test_from_cents_is_exact_decimal():
    assert from_cents(1999) == Decimal("19.99")
    assert quantize("2.345") == Decimal("2.35")


def test_format_follows_the_language():
    with translation.override("en"):
        assert format_money(Decimal("1234.5")) == "1,234.50\u00a0€"
    with translation.override("de"):
        assert format_money(Decimal("1234.5")) == "1.234,50\u00a0€"


def test_format_refuses_garbage_quietly():
    assert format_money(None) == ""
    assert format_money("abc") == ""


def test_money_filter_is_available_in_every_template():
    with translation.override("en"):
        assert Template("{{ x|money }}").render(Context({"x": Decimal("5")})) == "5.00\u00a0€"
