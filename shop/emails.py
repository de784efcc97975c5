"""The buyer's emails at each step of an order, in the order's language, as text and HTML.

The confirmation (paid) carries the PDF invoice, the withdrawal instructions and the model withdrawal
form (Muster-Widerrufsformular, Annex 2 to Art. 246a EGBGB). Emails leave after the transaction that
made the change commits; a mail server that fails is logged and never undoes the change.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.site_settings import load as load_site_settings
from notifications.services import notify
from shop import rules as shop_rules
from shop.models import InvoiceKind, Order, OrderStatus, Refund, SellerDetails

logger = logging.getLogger(__name__)
S = OrderStatus

_muted = threading.local()


@contextmanager
def order_emails_muted():
    """Demo data moves orders through every step without mailing anyone."""
    _muted.on = True
    try:
        yield
    finally:
        _muted.on = False


STEPS = (S.PAID, S.IN_PRODUCTION, S.SHIPPED, S.DELIVERED, S.RETURN_REQUESTED, S.RETURNED, S.REFUNDED, S.CANCELED)


def _subject(step: str, number: str) -> str:
    subjects = {
        S.PAID: _("Order confirmation %(number)s"),
        S.IN_PRODUCTION: _("Your order %(number)s is in production"),
        S.SHIPPED: _("Your order %(number)s is on its way"),
        S.DELIVERED: _("Your order %(number)s was delivered"),
        S.RETURN_REQUESTED: _("We received your return request for order %(number)s"),
        S.RETURNED: _("Your return for order %(number)s is approved"),
        S.REFUNDED: _("Refund for order %(number)s"),
        S.CANCELED: _("Your order %(number)s was canceled"),
    }
    return subjects[step] % {"number": number}


def _intro(step: str, order: Order, refund: Refund | None) -> str:
    from core.money import format_money

    texts = {
        S.PAID: _("Thank you! We received your payment for order %(number)s. This email is your order confirmation."),
        S.IN_PRODUCTION: _("Good news: your order %(number)s is being made now."),
        S.SHIPPED: _("Your order %(number)s has left us and is on its way to you."),
        S.DELIVERED: _(
            "Your order %(number)s was delivered. We hope you like it! If not, you may send it back within 14 days."
        ),
        S.RETURN_REQUESTED: _(
            "We received your return request for order %(number)s and will answer it shortly. "
            "Please do not send anything back before we have approved it."
        ),
        S.RETURNED: _("We approved your return for order %(number)s. Your money is on its way back to your card."),
        S.REFUNDED: _("We refunded %(amount)s for order %(number)s to the card you paid with."),
        S.CANCELED: _("Your order %(number)s was canceled."),
    }
    amount = refund.amount if refund is not None else order.refunded_amount
    return texts[step] % {"number": order.number, "amount": format_money(amount)}


def send_order_email(*, order: Order, step: str, refund: Refund | None = None) -> None:
    """Queue the buyer's email for this step; it is rendered and sent once the transaction commits."""
    if step not in STEPS or getattr(_muted, "on", False):
        return
    order_id, refund_id = order.pk, refund.pk if refund is not None else None
    transaction.on_commit(lambda: deliver_order_email(order_id=order_id, step=step, refund_id=refund_id), robust=True)


def deliver_order_email(*, order_id: int, step: str, refund_id: int | None = None) -> EmailMultiAlternatives:
    from shop.pdf import invoice_pdf
    from shop.selectors.campaigns import order_campaign_delivery

    order = Order.objects.select_related("user").get(pk=order_id)
    refund = Refund.objects.filter(pk=refund_id).first() if refund_id else None
    language = order.language if order.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    seller = load_site_settings(SellerDetails)
    with translation.override(language):
        link = f"{settings.SITE_URL}{order.get_absolute_url()}"
        context = {
            "order": order,
            "step": step,
            "intro": _intro(step, order, refund),
            "refund": refund,
            "link": link,
            "lines": [line for line in order.lines.all() if line.kept_quantity],
            "confirmation": step == S.PAID,
            "preorder": order_campaign_delivery(order=order) if step in (S.AUTHORIZED, S.PAID) else None,
            "seller_name": seller.name,
            "seller_address": seller.address_lines,
            "seller_email": seller.email,
            "withdrawal_days": shop_rules.WITHDRAWAL_DAYS,
        }
        subject = "[Commonmade] " + _subject(step, order.number)
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("shop/email/order_step.txt", context),
            to=[order.email],
        )
        message.attach_alternative(render_to_string("shop/email/order_step.html", context), "text/html")
        attach = None
        if step == S.PAID:
            attach = order.invoices.filter(kind=InvoiceKind.INVOICE).first()
        elif step == S.REFUNDED and refund is not None:
            attach = getattr(refund, "credit_note", None)
        if attach is not None:
            message.attach(f"{attach.number}.pdf", invoice_pdf(attach), "application/pdf")
        if order.user_id:
            notify(
                recipient=order.user,
                kind=f"shop_order_{step}",
                title=_subject(step, order.number),
                body=context["intro"],
                url=order.get_absolute_url(),
                send_email=False,
            )
    try:
        message.send()
    except Exception:  # noqa: BLE001 - a mail server's failure must not undo the order's change
        logger.exception("Order %s: the %s email could not be sent", order.number, step)
    return message
