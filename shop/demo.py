"""Demo shop: products on sale, a running pre-order campaign, a paid order with a review. Idempotent."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.money import format_money
from core.site_settings import load as load_site_settings
from designs.models import Category, Design, DesignState
from designs.services import design_put_on_sale
from shop.models import (
    Address,
    Campaign,
    CampaignStatus,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    ProductStatus,
    ProductVariant,
    Review,
    ShopRules,
)
from shop.signals import order_paid

DEMO_ORDER_NUMBER = "DEMO00000001"

DEMO_SAFETY = {
    "tshirt": "100 % organic cotton. Wash inside out at 30 °C; do not tumble dry; do not iron on the print.",
    "poster": "Matt paper, 200 g/m². Keep away from moisture and direct sunlight.",
    "tote": "100 % cotton. Not a toy: keep away from small children (risk of suffocation). Max. load 10 kg.",
}

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
                "manufacturer": load_site_settings(ShopRules).default_manufacturer,
                "safety_information": DEMO_SAFETY.get(product_type, ""),
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
    _seed_address()
    _seed_fulfilment(products[0], products[1])
    _seed_guest_order(products[0])
    return products


def _seed_address() -> None:
    """The demo member checks out with a saved address (Berlin)."""
    member = User.objects.get(email="member@example.com")
    if not Address.objects.filter(user=member).exists():
        Address.objects.create(
            user=member,
            name="Sam Member",
            line1="Torstraße 1",
            postcode="10119",
            city="Berlin",
            country="DE",
            is_default=True,
        )


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


# Demo orders were never paid through Stripe (seed_demo runs before localstripe starts): their
# payment intents are made up, so Stripe refuses to refund them. The admin says so.
DEMO_INTENT_PREFIX = "pi_demo_"

# Orders in every state after payment, for the buyer's timeline and the admin's "Orders" screens.
DEMO_LIFECYCLE = [
    ("DEMO00000002", OrderStatus.PENDING),
    ("DEMO00000003", OrderStatus.PAID),
    ("DEMO00000004", OrderStatus.IN_PRODUCTION),
    ("DEMO00000005", OrderStatus.SHIPPED),
    ("DEMO00000006", OrderStatus.DELIVERED),
    ("DEMO00000007", OrderStatus.RETURN_REQUESTED),
    ("DEMO00000008", OrderStatus.REFUNDED),
    ("DEMO00000009", OrderStatus.CANCELED),
]


def _demo_order(*, number: str, product: Product, email: str, user=None, **address) -> tuple[Order, OrderLine]:
    """A demo order of one unit of `product` to Germany (VAT 19 %, shipping 4.90), as checkout leaves it."""
    vat, shipping = Decimal("0.19"), Decimal("4.90")
    variant = product.variants.order_by("position").first()
    total = product.price + shipping
    order = Order.objects.create(
        number=number,
        user=user,
        email=email,
        subtotal=product.price,
        shipping_cost=shipping,
        shipping_vat_rate=vat,
        vat_total=(total - total / (1 + vat)).quantize(Decimal("0.01")),
        total=total,
        delivery_days_min=2,
        delivery_days_max=4,
        shipping_country="DE",
        payment_intent_id=f"{DEMO_INTENT_PREFIX}{number.lower()}",
        **address,
    )
    line = OrderLine.objects.create(
        order=order,
        product=product,
        variant=variant,
        title=f"{product.title} – {variant.label}",
        sku=variant.sku,
        unit_price=product.price,
        quantity=1,
        royalty_share=product.royalty_share,
        vat_rate=vat,
    )
    return order, line


def _seed_fulfilment(tee: Product, poster: Product) -> None:
    from shop.emails import order_emails_muted
    from shop.models import Carrier, Refund, RefundLine, RefundStatus, ReturnReason, ReturnStatus
    from shop.services import fulfilment
    from shop.services.orders import order_event_record, order_mark_paid

    member = User.objects.get(email="member@example.com")
    staff = User.objects.filter(email="shop@example.com").first() or User.objects.get(email="admin@example.com")
    if Order.objects.filter(number=DEMO_LIFECYCLE[0][0]).exists():
        return
    with order_emails_muted():
        for index, (number, status) in enumerate(DEMO_LIFECYCLE):
            product = tee if index % 2 == 0 else poster
            order, line = _demo_order(
                number=number,
                product=product,
                user=member,
                email=member.email,
                language="de" if index % 3 == 0 else "en",
                shipping_method_name="DHL Paket",
                shipping_name="Sam Member",
                shipping_line1="Heidestraße 17",
                shipping_postcode="51147",
                shipping_city="Köln",
            )
            if status == OrderStatus.PENDING:
                continue
            if status == OrderStatus.CANCELED:
                fulfilment.order_cancel(order=order, actor=staff, reason="Canceled at the buyer's request (demo).")
                continue
            order_mark_paid(order_id=order.pk)
            if status == OrderStatus.PAID:
                continue
            fulfilment.order_start_production(order=order, actor=staff)
            if status == OrderStatus.IN_PRODUCTION:
                continue
            fulfilment.order_mark_shipped(
                order=order, actor=staff, carrier=Carrier.DHL, tracking_number=f"0034043416109404{index:04d}"
            )
            if status == OrderStatus.SHIPPED:
                continue
            fulfilment.order_mark_delivered(order=order, actor=staff)
            if status == OrderStatus.DELIVERED:
                continue
            request = fulfilment.order_request_return(
                order=order, actor=member, quantities={line.pk: 1}, reason=ReturnReason.WRONG_SIZE, comment="Too big."
            )
            if status == OrderStatus.RETURN_REQUESTED:
                continue
            # Returned and refunded, written as the refund service would after Stripe's answer (no Stripe here).
            fulfilment._transition(order=order, to=OrderStatus.RETURNED, actor=staff, data={"return": request.pk})
            refund = Refund.objects.create(
                order=order,
                return_request=request,
                amount=line.unit_price,
                status=RefundStatus.SUCCEEDED,
                stripe_refund_id="re_demo",
                reason="Return",
                actor=staff,
                settled_at=timezone.now(),
            )
            RefundLine.objects.create(refund=refund, order_line=line, quantity=1, amount=line.unit_price)
            OrderLine.objects.filter(pk=line.pk).update(refunded_quantity=1)
            Order.objects.filter(pk=order.pk).update(
                status=OrderStatus.REFUNDED, refunded_amount=line.unit_price, closed_at=timezone.now()
            )
            type(request).objects.filter(pk=request.pk).update(status=ReturnStatus.REFUNDED)
            order_event_record(
                order=order,
                from_status=OrderStatus.RETURNED,
                to_status=OrderStatus.REFUNDED,
                actor=staff,
                note=_("Refunded %(amount)s.") % {"amount": format_money(line.unit_price)},
                data={"refund": refund.pk},
            )
            from shop.services.invoices import credit_note_issue

            credit_note_issue(refund=refund)
            transaction.on_commit(lambda order=order, refund=refund: _reverse_demo(order, refund))


GUEST_ORDER = "DEMO00000010"


def _seed_guest_order(tee: Product) -> None:
    """A guest's delivered order: its signed link (printed by seed_demo) shows the timeline, invoice and returns."""
    from shop.emails import order_emails_muted
    from shop.models import Carrier
    from shop.services import fulfilment
    from shop.services.orders import order_mark_paid

    if Order.objects.filter(number=GUEST_ORDER).exists():
        return
    staff = User.objects.filter(email="shop@example.com").first() or User.objects.get(email="admin@example.com")
    with order_emails_muted():
        order, _line = _demo_order(
            number=GUEST_ORDER,
            product=tee,
            email="guest@example.com",
            language="en",
            shipping_method_name="Standard (DHL)",
            shipping_name="Erika Mustermann",
            shipping_line1="Hauptstraße 5",
            shipping_postcode="10115",
            shipping_city="Berlin",
        )
        order_mark_paid(order_id=order.pk)
        fulfilment.order_mark_shipped(
            order=order, actor=staff, carrier=Carrier.DHL, tracking_number="00340434161094049999"
        )
        fulfilment.order_mark_delivered(order=order, actor=staff)


def guest_order_link() -> str:
    """The demo guest order's page, as the guest's emails link it."""
    order = Order.objects.filter(number=GUEST_ORDER).first()
    return f"{settings.SITE_URL}{order.get_absolute_url()}" if order else ""


def _reverse_demo(order: Order, refund) -> None:
    from shop.signals import order_refund_settled

    order_refund_settled.send(sender=Order, order=order, refund=refund)
