"""Price offers that a higher app makes on the shop's products, without the shop importing it.

A live drop, for instance, sells a shelf product at a drop-only price and in a limited quantity while the
show runs. The app registers a provider in its AppConfig.ready():

* `offers(product_ids) -> {product_id: Offer}`: the offers that apply right now (the cart, the checkout and
  the product page ask it; an offer that is gone is simply not returned, so the regular price applies);
* `claim(ref, quantity) -> bool`: called inside the transaction that marks an order paid, for each line
  bought under an offer; it takes the units from the offer's limit atomically (a conditional UPDATE),
  or returns False when they are gone, and the line is then refunded like a line that sold out.

An order line remembers the offer it was priced under in `OrderLine.offer` ("<provider>:<ref>").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Offer:
    key: str  # "<provider>:<ref>", kept on the order line
    price: Decimal  # gross, VAT included, like Product.price
    remaining: int | None  # units left under the offer; None: only the stock limits it
    label: str  # shown next to the price, e.g. "Live drop price"
    url: str = ""  # where the offer runs (the drop's page)


OffersFor = Callable[[list[int]], dict[int, Offer]]
Claim = Callable[[str, int], bool]

_providers: dict[str, tuple[OffersFor, Claim]] = {}


def register_offer_provider(name: str, *, offers: OffersFor, claim: Claim) -> None:
    if ":" in name:
        raise ValueError("a provider name has no colon")
    _providers[name] = (offers, claim)


def unregister_offer_provider(name: str) -> None:
    _providers.pop(name, None)


def offers_for(product_ids: Iterable[int]) -> dict[int, Offer]:
    """The best (lowest-priced) current offer per product; {} when no provider offers anything."""
    ids = sorted({int(pid) for pid in product_ids})
    found: dict[int, Offer] = {}
    if not ids:
        return found
    for offers, _claim in _providers.values():
        for pid, offer in offers(ids).items():
            if pid not in found or offer.price < found[pid].price:
                found[pid] = offer
    return found


def offer_claim(key: str, quantity: int) -> bool:
    """Take `quantity` units under the offer `key` (inside the payment transaction); False when not possible."""
    name, _sep, ref = (key or "").partition(":")
    provider = _providers.get(name)
    if provider is None or not ref:
        logger.warning("order line priced under an unknown offer %r", key)
        return False
    return bool(provider[1](ref, quantity))
