"""Fixed shop rules. What editors tune is in the site settings (ShopRules, SellerDetails in shop/models.py).

Read them as `rules.NAME` (module attribute) so the code always sees the current value.
"""

from __future__ import annotations

# Units of one variant per cart line: more is a wholesale order, handled by email.
MAX_QUANTITY = 20
# The EU right of withdrawal (Directive 2011/83/EU, § 355 BGB): 14 days after delivery.
WITHDRAWAL_DAYS = 14
# A buyer may review a product this many days after the order (later reviews are not "verified").
REVIEW_WINDOW_DAYS = 100
# Review photos: smallest side in pixels, so a photo on the product page is not a blur.
REVIEW_PHOTO_MIN_SHORT_SIDE = 400
# Invoice numbers: CM-2026-000001 (credit notes CMG-…). Fixed: the series must never change mid-year.
INVOICE_PREFIX = "CM"

# Referral links (?ref=<handle>) are remembered this long.
REFERRAL_DAYS = 30
