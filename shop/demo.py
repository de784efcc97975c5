"""Demo shop: products on sale, a running pre-order campaign, a paid order with a review. Idempotent."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from community.models import User
from designs.models import Category, Design, DesignState
from designs.services import design_put_on_sale
from shop.models import (
    Campaign,
    CampaignStatus,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    ProductStatus,
    ProductVariant,
    Review,
)
from shop.signals import order_paid

DEMO_ORDER_NUMBER = "DEMO00000001"

# design slug, title, maker email, category, product slug, product title, type, price, variants, campaign goal
DEMO_PRODUCTS = [
    (
        "forest-pattern-t-shirt",
        "Forest Pattern T-Shirt",
        "maker@example.com",
        "apparel",
        "forest-pattern-tee",
        "Forest Pattern Tee",
        "tshirt",
        "29.90",
        [("S", "black", 8), ("M", "black", 12), ("L", "black", 6)],
        None,
    ),
    (
        "cat-astronaut-poster",
        "Cat Astronaut Poster",
        "maker2@example.com",
        "poster",
        "cat-astronaut-print",
        "Cat Astronaut Print",
        "poster",
        "19.00",
        [("A3", "", 25), ("A2", "", 10)],
        None,
    ),
    (
        "sunflower-tote",
        "Sunflower Tote Bag",
        "maker@example.com",
        "tote-bag",
        "sunflower-tote-bag",
        "Sunflower Tote Bag",
        "tote",
        "17.50",
        [("", "natural", 0)],
        20,
    ),
]


def _design(slug: str, title: str, maker: User, category_slug: str) -> Design:
    category = Category.objects.filter(slug=category_slug).first() or Category.objects.first()
    design, _ = Design.objects.get_or_create(
        slug=slug,
        defaults={
            "maker": maker,
            "title": title,
            "category": category,
            "rights_confirmed": True,
            "state": DesignState.ON_SALE,
            "description": f"{title}: chosen by the community.",
        },
    )
    if design.state in (DesignState.SELECTED, DesignState.IN_PRODUCTION):
        editor = User.objects.get(email="editor@example.com")
        design = design_put_on_sale(design=design, actor=editor)
    return design


@transaction.atomic
def seed_shop() -> list[Product]:
    now = timezone.now()
    products = []
    for (
        design_slug,
        design_title,
        maker_email,
        category,
        slug,
        title,
        product_type,
        price,
        variants,
        goal,
    ) in DEMO_PRODUCTS:
        maker = User.objects.get(email=maker_email)
        design = _design(design_slug, design_title, maker, category)
        product, _ = Product.objects.update_or_create(
            slug=slug,
            defaults={
                "design": design,
                "title": title,
                "product_type": product_type,
                "price": Decimal(price),
                "royalty_share": Decimal("0.15"),
                "made_to_order": goal is not None,
                "status": ProductStatus.ON_SALE,
                "description": f"{title}, printed from {maker.public_name}'s design.",
                "description_de": f"{title}, gedruckt nach dem Entwurf von {maker.public_name}.",
            },
        )
        if product.published_at is None:
            Product.objects.filter(pk=product.pk).update(published_at=now)
        for position, (size, colour, stock) in enumerate(variants):
            sku = "-".join(part for part in (slug.upper(), size, colour.upper()) if part)
            ProductVariant.objects.update_or_create(
                sku=sku, defaults={"product": product, "size": size, "colour": colour, "position": position}
            )
            ProductVariant.objects.filter(sku=sku, stock__lt=stock).update(stock=stock)
        if goal and not product.campaigns.filter(status=CampaignStatus.RUNNING).exists():
            Campaign.objects.create(product=product, goal_units=goal, starts_at=now, ends_at=now + timedelta(days=6))
        products.append(product)
    _seed_order_and_review(products[0])
    return products


def _seed_order_and_review(product: Product) -> None:
    member = User.objects.get(email="member@example.com")
    variant = product.variants.order_by("position").last()
    order, created = Order.objects.get_or_create(
        number=DEMO_ORDER_NUMBER,
        defaults={
            "user": member,
            "email": member.email,
            "total": product.price,
            "status": OrderStatus.PAID,
            "paid_at": timezone.now(),
        },
    )
    if created:
        OrderLine.objects.create(
            order=order,
            product=product,
            variant=variant,
            title=f"{product.title} – {variant.label}",
            sku=variant.sku,
            unit_price=product.price,
            quantity=1,
            royalty_share=product.royalty_share,
        )
    line = order.lines.first()
    Review.objects.get_or_create(
        product=product,
        author=member,
        defaults={
            "order_line": line,
            "rating": 5,
            "text": "Soft shirt, crisp print. The owl glows a little in the dark, which my kids love.",
        },
    )
    # makers writes the royalty ledger from this signal; a second send changes nothing.
    transaction.on_commit(lambda: order_paid.send(sender=Order, order=order))
