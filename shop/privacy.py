"""The shop's part of a member's data: orders (with their delivery addresses), reviews, favourites, cart.

Account deletion keeps orders and their invoices for the legal retention period (§ 147 AO, § 257 HGB:
ten years for invoices) with only what an invoice must name: the buyer's name and delivery address,
the goods and amounts. The order's email address and phone number go; issued invoices stay as
issued (GoBD: a booked document is not changed). Reviews stay as a deleted member's, without their
photo; saved addresses, favourites and the cart go.
"""

from __future__ import annotations

from core import privacy
from shop.models import Address, Cart, Favourite, Order, Review, SupporterAccess

ADDRESS_FIELDS = (
    "shipping_name",
    "shipping_company",
    "shipping_line1",
    "shipping_line2",
    "shipping_postcode",
    "shipping_city",
    "shipping_region",
    "shipping_country",
    "shipping_phone",
)


def _address(order: Order) -> dict:
    return {field.removeprefix("shipping_"): getattr(order, field) for field in ADDRESS_FIELDS}


def export_orders(user) -> list[dict]:
    return [
        {
            "number": o.number,
            "status": o.status,
            "email": o.email,
            "created": o.created_at,
            "paid": o.paid_at,
            "total": o.total,
            "vat_included": o.vat_total,
            "shipping": o.shipping_cost,
            "refunded": o.refunded_amount,
            "currency": o.currency,
            "delivery_address": _address(o),
            "invoices": [{"number": i.number, "kind": i.kind, "issued": i.issued_at} for i in o.invoices.all()],
            "returns": [
                {"status": r.status, "reason": r.reason, "comment": r.comment, "requested": r.created_at}
                for r in o.returns.all()
            ],
            "lines": [
                {"title": line.title, "sku": line.sku, "unit_price": line.unit_price, "quantity": line.quantity}
                for line in o.lines.all()
            ],
        }
        for o in Order.objects.filter(user=user)
        .prefetch_related("lines", "invoices", "returns")
        .order_by("created_at", "pk")
    ]


def export_addresses(user) -> list[dict]:
    """The saved addresses, then every other distinct delivery address entered at checkout."""
    seen: list[dict] = [
        {
            "name": a.name,
            "company": a.company,
            "line1": a.line1,
            "line2": a.line2,
            "postcode": a.postcode,
            "city": a.city,
            "region": a.region,
            "country": a.country,
            "phone": a.phone,
        }
        for a in Address.objects.filter(user=user).order_by("created_at", "pk")
    ]
    for order in Order.objects.filter(user=user).order_by("created_at", "pk"):
        address = _address(order)
        if any(address.values()) and address not in seen:
            seen.append(address)
    return seen


def export_reviews(user) -> list[dict]:
    return [
        {
            "product": r.product.slug,
            "rating": r.rating,
            "text": r.text,
            "photo": r.photo,
            "created": r.created_at,
            "answer": r.answer,
        }
        for r in Review.objects.filter(author=user).select_related("product").order_by("created_at", "pk")
    ]


def export_favourites(user) -> list[dict]:
    return [
        {"design": f.design.slug if f.design_id else None, "product": f.product.slug if f.product_id else None}
        for f in Favourite.objects.filter(user=user).select_related("design", "product")
    ]


def erase_shop(user) -> None:
    Order.objects.filter(user=user).update(email=f"deleted-{user.pk}@deleted.invalid", shipping_phone="")
    for review in Review.objects.filter(author=user).exclude(photo=""):
        review.photo.delete(save=False)
        Review.objects.filter(pk=review.pk).update(photo="")
    Address.objects.filter(user=user).delete()
    Favourite.objects.filter(user=user).delete()
    Cart.objects.filter(user=user).delete()
    SupporterAccess.objects.filter(user=user).delete()


def register() -> None:
    privacy.register("orders", exporter=export_orders)
    privacy.register("addresses", exporter=export_addresses)
    privacy.register("reviews", exporter=export_reviews)
    privacy.register("favourites", exporter=export_favourites)
    privacy.register("shop", eraser=erase_shop)
