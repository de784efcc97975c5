from django import template

from core.money import format_money

register = template.Library()


@register.filter(name="money")
def money(amount, currency: str = "eur") -> str:
    """{{ product.price|money }} → "12.50 €" (or "12,50 €" on /de/)."""
    return format_money(amount, currency)
