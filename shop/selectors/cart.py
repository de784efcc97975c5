"""What a cart holds, priced from the database, never from the request."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from shop.models import Product, ProductVariant
from shop.offers import Offer, offers_for
from shop.selectors.campaigns import open_campaign_ends


@dataclass
class CartLine:
    variant: ProductVariant
    quantity: int
    offer: Offer | None = None  # a current offer (a live drop's price) replaces the catalogue price

    @property
    def product(self) -> Product:
        return self.variant.product

    @property
    def unit_price(self) -> Decimal:
        return self.offer.price if self.offer is not None else self.variant.product.price

    @property
    def regular_price(self) -> Decimal:
        return self.variant.product.price

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class CartSummary:
    lines: list[CartLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.line_total for line in self.lines), Decimal("0.00"))

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)


def cart_summary(*, items: dict[int, int]) -> CartSummary:
    """Prices always from the database, never from the request."""
    if not items:
        return CartSummary()
    variants = (
        ProductVariant.objects.select_related("product", "product__design")
        .annotate(campaign_ends_at=open_campaign_ends())
        .prefetch_related("product__design__images__image")
        .in_bulk(list(items))
    )
    offers = offers_for(v.product_id for v in variants.values())
    lines = [
        CartLine(variants[vid], qty, offers.get(variants[vid].product_id))
        for vid, qty in items.items()
        if vid in variants
    ]
    return CartSummary(lines=lines)
