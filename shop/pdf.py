"""Invoice and credit note PDFs, drawn with ReportLab from the contents fixed when the invoice was issued.

ReportLab is pure Python with its own PDF writer and the standard PDF fonts: nothing to install on the
system (WeasyPrint needs Pango, cairo and their fonts on every machine), and an invoice is a simple table.
"""

from __future__ import annotations

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.money import format_money
from shop.models import Invoice, InvoiceKind


def _percent(rate: str) -> str:
    value = (Decimal(rate) * 100).normalize()
    return f"{value:f} %"


def invoice_pdf(invoice: Invoice) -> bytes:
    data = invoice.data
    with translation.override(data.get("language") or "en"):
        return _draw(invoice, data)


def _draw(invoice: Invoice, data: dict) -> bytes:
    buffer = io.BytesIO()
    credit = invoice.kind == InvoiceKind.CREDIT_NOTE
    title = _("Credit note") if credit else _("Invoice")
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{title} {invoice.number}",
        author=data["seller"]["name"],
    )
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)

    def para(text: str, style=styles["BodyText"]):
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    seller = data["seller"]
    story = [
        para(" · ".join([seller["name"], *seller["address"]]), small),
        Spacer(1, 6 * mm),
        para("\n".join(data["buyer"]["address"])),
        Spacer(1, 8 * mm),
        Paragraph(f"{escape(title)} {escape(invoice.number)}", styles["Heading1"]),
    ]
    facts = [
        [_("Invoice date"), invoice.issued_at.date().isoformat()],
        [_("Order"), data["order"]],
        [_("Order date"), data["order_date"]],
        [_("Delivery / payment date"), data["paid_date"]],
    ]
    if credit and invoice.refund_id:
        original = invoice.order.invoices.filter(kind=InvoiceKind.INVOICE).first()
        if original:
            facts.append([_("Credit for invoice"), original.number])
    story += [Table(facts, colWidths=[50 * mm, 110 * mm], hAlign="LEFT"), Spacer(1, 6 * mm)]

    rows = [[_("Item"), _("Qty"), _("Unit price"), _("VAT"), _("Amount")]]
    for line in data["lines"]:
        rows.append(
            [
                para(f"{line['title']}\n{line['sku']}"),
                str(line["quantity"]),
                format_money(line["unit_price"]),
                _percent(line["vat_rate"]),
                format_money(line["total"]),
            ]
        )
    if Decimal(data["shipping"]):
        rows.append([para(data.get("shipping_method") or _("Shipping")), "1", "", "", format_money(data["shipping"])])
    rows.append(["", "", "", _("Total"), format_money(invoice.total)])
    table = Table(rows, colWidths=[80 * mm, 12 * mm, 26 * mm, 16 * mm, 26 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [table, Spacer(1, 6 * mm)]

    vat_rows = [[_("VAT rate"), _("Net"), _("VAT"), _("Gross")]]
    for row in data["vat"]:
        vat_rows.append(
            [_percent(row["rate"]), format_money(row["net"]), format_money(row["vat"]), format_money(row["gross"])]
        )
    vat_table = Table(vat_rows, colWidths=[30 * mm, 30 * mm, 30 * mm, 30 * mm], hAlign="RIGHT")
    vat_table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    story += [vat_table, Spacer(1, 8 * mm)]
    if credit:
        story.append(para(_("The amount was refunded to the card you paid with.")))
    else:
        story.append(para(_("Paid by card. Thank you for your order!")))
        if not any(Decimal(row["rate"]) for row in data["vat"]):
            story.append(para(_("No German VAT: delivery outside the EU.")))
    story += [
        Spacer(1, 10 * mm),
        para(
            "\n".join(
                [
                    seller["name"],
                    ", ".join(seller["address"]),
                    _("VAT ID: %(id)s") % {"id": seller["vat_id"]},
                    seller["register"],
                    seller["email"],
                ]
            ),
            small,
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
