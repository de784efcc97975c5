"""A member's orders; nobody else's."""

from __future__ import annotations

from django.core import signing
from django.db.models import Prefetch, QuerySet, Sum

from shop.models import ORDER_ACCESS_SALT, Invoice, Order, OrderEvent, OrderLine, OrderStatus


def orders_for_user(*, user) -> QuerySet[Order]:
    return Order.objects.filter(user=user).annotate(item_count=Sum("lines__quantity")).order_by("-created_at", "-id")


def order_for_owner(*, number: str, user) -> Order | None:
    """None unless the order belongs to this member: others get a 404, never a hint."""
    if not user.is_authenticated:
        return None
    return (
        Order.objects.filter(number=number, user=user)
        .select_related("campaign")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.select_related("product", "variant")))
        .first()
    )


def order_is_payable(*, order: Order) -> bool:
    """The order waits for a (first, or another) payment: services/payments.py would take one."""
    if order.status not in (OrderStatus.PENDING, OrderStatus.FAILED):
        return False
    return not (order.campaign_id and not order.campaign.is_open())


def order_for_checkout_token(*, token: str, user) -> Order | None:
    """The member's order made with this one-time checkout token (a retried checkout finds it)."""
    if not token or not user.is_authenticated:
        return None
    return Order.objects.filter(checkout_token=token, user=user).first()


def order_for_token(*, token: str) -> Order | None:
    """The order behind a signed link (Order.access_token); None for a forged or mangled one."""
    try:
        number = signing.Signer(salt=ORDER_ACCESS_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return (
        Order.objects.filter(number=number)
        .select_related("campaign")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.select_related("product", "variant")))
        .first()
    )


def order_for_key(*, key: str, user) -> Order | None:
    """A signed link opens its order for anybody holding it; a plain number only for its member."""
    if ":" in key:
        return order_for_token(token=key)
    return order_for_owner(number=key, user=user)


def order_timeline(*, order: Order) -> list[OrderEvent]:
    """The order's history as the buyer sees it: each status change and each refund, oldest first."""
    return list(order.history.order_by("created_at", "id"))


def order_invoices(*, order: Order) -> list[Invoice]:
    return list(order.invoices.order_by("issued_at", "id"))


def invoice_for_viewer(*, number: str, invoice_number: str, user) -> Invoice | None:
    """The invoice if this user owns the order or works in fulfilment; None (a 404) for anyone else."""
    from shop.services.fulfilment import is_fulfilment_staff

    if not user.is_authenticated:
        return None
    invoices = Invoice.objects.select_related("order").filter(number=invoice_number, order__number=number)
    if not is_fulfilment_staff(user):
        invoices = invoices.filter(order__user=user)
    return invoices.first()


def invoice_for_token(*, token: str, invoice_number: str) -> Invoice | None:
    """The invoice of the order behind a signed link (a guest's); None for a forged link or another order's."""
    order = order_for_token(token=token)
    if order is None:
        return None
    return Invoice.objects.select_related("order").filter(number=invoice_number, order=order).first()


# What a maker sees of their items' orders (makers' dashboard): units per product and order status.
MAKER_STATUS_COLUMNS = (
    OrderStatus.PAID,
    OrderStatus.IN_PRODUCTION,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
    OrderStatus.RETURN_REQUESTED,
    OrderStatus.RETURNED,
    OrderStatus.REFUNDED,
)


def maker_sales_status(*, maker) -> list[dict]:
    """Per product of this maker's designs: units kept by order status and units refunded (paid orders only)."""
    rows = (
        OrderLine.objects.filter(product__design__maker=maker, order__status__in=MAKER_STATUS_COLUMNS)
        .values("product_id", "product__title", "product__slug", "order__status")
        .annotate(units=Sum("quantity"), refunded=Sum("refunded_quantity"))
        .order_by("product__title")
    )
    products: dict[int, dict] = {}
    for row in rows:
        entry = products.setdefault(
            row["product_id"],
            {"title": row["product__title"], "slug": row["product__slug"], "counts": {}, "sold": 0, "refunded": 0},
        )
        kept = row["units"] - row["refunded"]
        entry["counts"][row["order__status"]] = entry["counts"].get(row["order__status"], 0) + kept
        entry["sold"] += kept
        entry["refunded"] += row["refunded"]
    for entry in products.values():
        # Each status shows the units kept in orders of that status; "Refunded" the units refunded, wherever.
        entry["cells"] = [
            entry["refunded"] if status == OrderStatus.REFUNDED else entry["counts"].get(status, 0)
            for status in MAKER_STATUS_COLUMNS
        ]
    return list(products.values())


def maker_status_labels() -> list[str]:
    return [OrderStatus(status).label for status in MAKER_STATUS_COLUMNS]
