"""Invoices and credit notes: a sequential number without gaps, and contents fixed when issued.

The number comes from a counter row per series and year, locked with SELECT ... FOR UPDATE in the same
transaction that writes the invoice: if that transaction rolls back, so does the counter, so no number
is ever skipped; concurrent payments wait for each other for the length of one small UPDATE.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.money import quantize
from core.site_settings import load as load_site_settings
from shop import rules as shop_rules
from shop.models import Invoice, InvoiceCounter, InvoiceKind, Order, Refund, SellerDetails

SERIES_PREFIX = {InvoiceKind.INVOICE: "", InvoiceKind.CREDIT_NOTE: "G"}


def seller() -> dict:
    """The seller printed on invoices: the SellerDetails site setting (editable in the admin)."""
    details = load_site_settings(SellerDetails)
    return {
        "name": details.name,
        "address": details.address_lines,
        "vat_id": details.vat_id,
        "register": details.register,
        "email": details.email,
    }


def _next_number(kind: str, year: int) -> tuple[int, str]:
    """Take the next number of the series; must run inside the transaction that saves the invoice."""
    counter, _ = InvoiceCounter.objects.get_or_create(series=kind, year=year)
    counter = InvoiceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    prefix = shop_rules.INVOICE_PREFIX + SERIES_PREFIX[kind]
    return counter.last_number, f"{prefix}-{year}-{counter.last_number:06d}"


def vat_breakdown(items: list[tuple[Decimal, Decimal]]) -> list[dict]:
    """(gross amount, rate) pairs -> one row per rate: gross, net and VAT, as on a German invoice."""
    gross_by_rate: dict[Decimal, Decimal] = defaultdict(lambda: Decimal("0"))
    for gross, rate in items:
        gross_by_rate[Decimal(rate)] += Decimal(gross)
    rows = []
    for rate in sorted(gross_by_rate):
        gross = quantize(gross_by_rate[rate])
        net = quantize(gross / (1 + rate))
        rows.append({"rate": str(rate.normalize()), "gross": str(gross), "net": str(net), "vat": str(gross - net)})
    return rows


def _address(order: Order) -> list[str]:
    parts = [
        order.shipping_name,
        order.shipping_company,
        order.shipping_line1,
        order.shipping_line2,
        " ".join(p for p in (order.shipping_postcode, order.shipping_city) if p),
        order.shipping_region,
        order.shipping_country,
    ]
    return [p for p in parts if p] or [order.email]


def _contents(order: Order, lines: list[dict], shipping: Decimal) -> dict:
    items = [(Decimal(line["total"]), Decimal(line["vat_rate"])) for line in lines]
    if shipping:
        items.append((shipping, order.shipping_vat_rate))
    return {
        "seller": seller(),
        "buyer": {"address": _address(order), "email": order.email},
        "order": order.number,
        "order_date": timezone.localtime(order.created_at).date().isoformat(),
        "paid_date": timezone.localtime(order.paid_at or timezone.now()).date().isoformat(),
        "lines": lines,
        "shipping": str(quantize(shipping)),
        "shipping_method": order.shipping_method_name,
        "vat": vat_breakdown(items),
        "language": order.language,
    }


def _issue(*, order: Order, kind: str, lines: list[dict], shipping: Decimal, refund: Refund | None) -> Invoice:
    now = timezone.now()
    data = _contents(order, lines, shipping)
    total = quantize(sum((Decimal(line["total"]) for line in lines), Decimal("0")) + shipping)
    vat_total = sum((Decimal(row["vat"]) for row in data["vat"]), Decimal("0"))
    with transaction.atomic():
        sequence, number = _next_number(kind, now.year)
        return Invoice.objects.create(
            order=order,
            kind=kind,
            number=number,
            sequence=sequence,
            year=now.year,
            issued_at=now,
            total=total,
            vat_total=vat_total,
            data=data,
            refund=refund,
        )


def invoice_issue(*, order: Order) -> Invoice:
    """The invoice of a paid order, once (inside the transaction that marks it paid)."""
    existing = order.invoices.filter(kind=InvoiceKind.INVOICE).first()
    if existing:
        return existing
    lines = [
        {
            "title": line.title,
            "sku": line.sku,
            "quantity": line.quantity,
            "unit_price": str(line.unit_price),
            "total": str(quantize(line.unit_price * line.quantity)),
            "vat_rate": str(line.vat_rate),
        }
        for line in order.lines.all()
    ]
    return _issue(order=order, kind=InvoiceKind.INVOICE, lines=lines, shipping=order.shipping_cost, refund=None)


def credit_note_issue(*, refund: Refund) -> Invoice | None:
    """A credit note for a settled refund (negative amounts are shown as refunded amounts)."""
    if refund.amount <= 0 or Invoice.objects.filter(refund=refund).exists():
        return None
    order = refund.order
    if not order.invoices.filter(kind=InvoiceKind.INVOICE).exists():
        return None
    lines = [
        {
            "title": rl.order_line.title,
            "sku": rl.order_line.sku,
            "quantity": rl.quantity,
            "unit_price": str(rl.order_line.unit_price),
            "total": str(rl.amount),
            "vat_rate": str(rl.order_line.vat_rate),
        }
        for rl in refund.lines.select_related("order_line")
    ]
    return _issue(
        order=order, kind=InvoiceKind.CREDIT_NOTE, lines=lines, shipping=refund.shipping_amount, refund=refund
    )
