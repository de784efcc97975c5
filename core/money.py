"""Money is Decimal euros end to end; cents only at the Stripe boundary; one way to write an amount for people."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

CENT = Decimal("0.01")
CURRENCY_SYMBOLS = {"eur": "€", "usd": "$", "gbp": "£", "chf": "CHF"}


def quantize(amount: Decimal | int | str) -> Decimal:
    """Round to whole cents, half up, as an invoice does."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    return quantize(Decimal(int(cents)) / 100)


def format_money(amount: Decimal | int | str | None, currency: str = "eur") -> str:
    """'12,50 €' in German, '12.50 €' in English: the active language's separators, two decimals, the symbol after."""
    if amount is None or amount == "":
        return ""
    try:
        value = quantize(amount)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    symbol = CURRENCY_SYMBOLS.get(currency.lower(), currency.upper())
    # A no-break space keeps the amount and its symbol on one line.
    return f"{number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)}\u00a0{symbol}"
