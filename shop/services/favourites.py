"""Favourites: members keep designs and products they like."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from designs.models import Design
from shop.errors import ShopError
from shop.models import Favourite, Product


def favourite_toggle(*, user: User, design: Design | None = None, product: Product | None = None) -> bool:
    """Returns True when the item is now a favourite."""
    if (design is None) == (product is None):
        raise ShopError(_("Choose a design or a product."))
    lookup = {"design": design} if design is not None else {"product": product}
    with transaction.atomic():
        deleted, _unused = Favourite.objects.filter(user=user, **lookup).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Favourite.objects.create(user=user, **lookup)
        except IntegrityError:  # a double click created it a moment ago
            pass
    return True
