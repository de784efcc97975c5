"""Catalogue data for search tests, indexed the way the site indexes it: after commit."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone
from taggit.models import Tag

from accounts.models import Profile
from accounts.services import profile_mark_maker
from designs.models import Category, Design, DesignTag
from tests.factories.accounts import UserFactory

_n = itertools.count(1)


def make_maker(*, handle: str | None = None, display_name: str = "", bio: str = ""):
    n = next(_n)
    user = UserFactory(handle=handle or f"maker{n}", email=f"maker{n}@example.org", display_name=display_name)
    profile_mark_maker(user=user)
    if bio:
        profile = Profile.objects.get(user=user)
        profile.bio = bio
        profile.save()
    return user


def make_design(
    *,
    title: str,
    maker=None,
    description: str = "",
    tags: tuple[str, ...] = (),
    category: str = "poster",
    state: str = "approved",
    moderation_removed: bool = False,
    days_ago: int = 1,
) -> Design:
    n = next(_n)
    design = Design.objects.create(
        maker=maker or make_maker(),
        title=title,
        slug=f"design-{n}",
        description=description,
        category=Category.objects.get(slug=category),
        rights_confirmed=True,
        state=state,
        moderation_removed=moderation_removed,
        approved_at=timezone.now() - timedelta(days=days_ago),
    )
    if tags:
        for name in tags:
            DesignTag.objects.create(content_object=design, tag=Tag.objects.get_or_create(name=name, slug=name)[0])
        design.save()
    return design


def make_product(
    *, design: Design, title: str, product_type: str, price: str, status: str = "on_sale", description: str = ""
):
    from decimal import Decimal

    from shop.models import Product, ProductVariant

    n = next(_n)
    product = Product.objects.create(
        design=design,
        title=title,
        slug=f"product-{n}",
        product_type=product_type,
        description=description,
        price=Decimal(price),
        royalty_share=Decimal("0.15"),
        status=status,
        published_at=timezone.now() if status == "on_sale" else None,
    )
    ProductVariant.objects.create(product=product, size="M", sku=f"SKU-{n}", stock=100)
    return product


def sell(product, quantity: int, *, status: str = "paid", refunded: int = 0, buyer=None):
    """An order of `quantity` units of the product; only paid units count as sold."""
    from shop.models import Order, OrderLine

    buyer = buyer or UserFactory()
    order = Order.objects.create(
        user=buyer,
        email=buyer.email,
        total=product.price * quantity,
        status=status,
        paid_at=timezone.now() if status == "paid" else None,
    )
    return OrderLine.objects.create(
        order=order,
        product=product,
        variant=product.variants.first(),
        title=product.title,
        sku=product.variants.first().sku,
        unit_price=product.price,
        quantity=quantity,
        refunded_quantity=refunded,
        royalty_share=product.royalty_share,
    )


def review(product, stars: int):
    """A verified buyer (one paid unit) rates the product."""
    from shop.models import Review

    line = sell(product, 1)
    return Review.objects.create(product=product, author=line.order.user, order_line=line, rating=stars, text="Nice.")


def votes(design, scores: list[int]):
    """Counted votes, with the counters recounted the way the voting recount does."""
    from tests.factories.voting import bulk_votes
    from voting.services import votes_recount

    bulk_votes(design, [(score, False) for score in scores], prefix=f"v{next(_n)}")
    votes_recount(fix=True, log=False)


def find(text: str | None, filters=None, sort: str | None = None, page=1):
    """search_catalog as the site's views call it: the raw parameters read by search.forms first."""
    from search.api import search_catalog
    from search.forms import parse_query

    return search_catalog(parse_query(text, filters=filters, sort=sort, page=page))


def suggest_for(text: str | None):
    """search.api.suggest as the site's views call it."""
    from search.api import suggest
    from search.forms import parse_suggest_query

    return suggest(parse_suggest_query(text))
