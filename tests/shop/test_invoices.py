"""Invoices: gap-free numbers (also under concurrent payments on PostgreSQL), VAT per rate, PDF, access."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction

from shop.models import Invoice, InvoiceKind, OrderStatus
from shop.services.invoices import invoice_issue, vat_breakdown
from shop.services.orders import order_mark_paid
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_order, make_product

S = OrderStatus


@pytest.mark.django_db
def test_vat_breakdown_per_rate():
    rows = vat_breakdown([(Decimal("23.80"), Decimal("0.19")), (Decimal("10.70"), Decimal("0.07"))])
    assert rows == [
        {"rate": "0.07", "gross": "10.70", "net": "10.00", "vat": "0.70"},
        {"rate": "0.19", "gross": "23.80", "net": "20.00", "vat": "3.80"},
    ]


@pytest.mark.django_db
def test_paid_order_gets_an_invoice_and_the_confirmation_carries_the_pdf_and_the_withdrawal_form(
    mailoutbox, django_capture_on_commit_callbacks
):
    buyer = UserFactory()
    order = make_order(user=buyer, items=[(make_product(price="23.80"), 1)], shipping_cost="4.90")
    with django_capture_on_commit_callbacks(execute=True):
        order_mark_paid(order_id=order.pk)
    invoice = Invoice.objects.get(order=order, kind=InvoiceKind.INVOICE)
    assert invoice.number.endswith("-000001") and invoice.total == order.total
    assert [row["rate"] for row in invoice.data["vat"]] == ["0.19"]
    mail = mailoutbox[0]
    assert mail.to == [buyer.email]
    (name, content, mimetype) = mail.attachments[0]
    assert name == f"{invoice.number}.pdf" and mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert "Model withdrawal form" in mail.body and "Right of withdrawal" in mail.body
    assert "Model withdrawal form" in mail.alternatives[0][0]


@pytest.mark.django_db
def test_confirmation_in_german_with_the_muster_widerrufsformular(mailoutbox, django_capture_on_commit_callbacks):
    order = make_order(language="de")
    with django_capture_on_commit_callbacks(execute=True):
        order_mark_paid(order_id=order.pk)
    mail = mailoutbox[0]
    assert mail.subject == f"[Commonmade] Bestellbestätigung {order.number}"
    assert "Muster-Widerrufsformular" in mail.body and "Widerrufsrecht" in mail.body


@pytest.mark.django_db
def test_a_rolled_back_payment_leaves_no_gap():
    first, second = make_order(), make_order()
    with pytest.raises(RuntimeError), transaction.atomic():
        invoice_issue(order=first)
        raise RuntimeError("the payment transaction failed after the number was taken")
    assert invoice_issue(order=second).sequence == 1
    assert invoice_issue(order=first).sequence == 2


@pytest.mark.django_db
def test_invoice_download_owner_and_staff_only(client):
    buyer = UserFactory()
    order = make_order(user=buyer)
    order_mark_paid(order_id=order.pk)
    invoice = order.invoices.get()
    url = f"/account/orders/{order.number}/invoices/{invoice.number}.pdf"
    client.force_login(buyer)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    staff = UserFactory()
    staff.groups.add(Group.objects.get(name="Fulfilment"))
    client.force_login(staff)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_invoice_numbers_have_no_gaps_under_concurrent_payments(postgres_only):
    orders = [make_order() for _ in range(12)]
    barrier = threading.Barrier(len(orders))
    errors = []

    def pay(order_id):
        try:
            barrier.wait(timeout=30)
            order_mark_paid(order_id=order_id)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=pay, args=(order.pk,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    sequences = sorted(Invoice.objects.filter(kind=InvoiceKind.INVOICE).values_list("sequence", flat=True))
    assert sequences == list(range(1, len(orders) + 1))
    assert Invoice.objects.filter(order__status=S.PAID).count() == len(orders)
