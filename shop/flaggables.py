"""Products and reviews can be flagged like comments and designs (see community/flagging.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from community.flagging import register_flaggable
from shop.models import Product, Review


def register() -> None:
    # A product is an editor's work on a maker's design: removal retires it from sale (shop/receivers.py).
    register_flaggable(
        Product,
        kind="product",
        author=lambda product: product.design.maker,
        describe=lambda product: _("Product “%(title)s”") % {"title": product.title},
    )
    # Reviews need no stored flag: the review lists leave out hidden and removed ones
    # (community.selectors.moderated_ids).
    register_flaggable(
        Review,
        kind="review",
        author=lambda review: review.author,
        describe=lambda review: (
            _("Review by @%(handle)s of “%(title)s”") % {"handle": review.author.handle, "title": review.product.title}
        ),
    )
