"""A guest's signed order page does what a member's account page does: invoice download, return request.

Access is the signature of the link (checked on the server for every request); emails to guests link that page.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from shop.emails import deliver_order_email
from shop.models import Carrier, Order, OrderEvent, OrderStatus, ReturnReason
from shop.services import fulfilment
from shop.services.fulfilment import OrderTransitionError
from shop.services.orders import order_mark_paid
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_order, make_product

pytestmark = pytest.mark.django_db
S = OrderStatus


def _guest_order(*, status=S.DELIVERED, days_ago=2) -> Order:
    order = make_order(items=[(make_product(price="20.00"), 2)], email="guest.buyer@example.org")
    order_mark_paid(order_id=order.pk)
    Order.objects.filter(pk=order.pk).update(
        status=status, delivered_at=timezone.now() - timedelta(days=days_ago) if status == S.DELIVERED else None
    )
    order.refresh_from_db()
    assert order.user_id is None
    return order


def _forged(order: Order) -> str:
    return order.access_token[:-3] + ("aaa" if not order.access_token.endswith("aaa") else "bbb")


def test_the_signed_page_offers_the_invoice_and_the_return_form(client):
    order = _guest_order()
    invoice = order.invoices.get()
    page = client.get(order.get_absolute_url()).content.decode()
    invoice_url = f"/shop/orders/{order.access_token}/invoices/{invoice.number}.pdf"
    assert f'href="{invoice_url}"' in page
    assert f'action="/shop/orders/{order.access_token}/return/"' in page
    assert "Request a return" in page and "/account/orders/" not in page


def test_a_guest_downloads_the_invoice_with_the_signed_link_only(client):
    order = _guest_order()
    invoice = order.invoices.get()
    response = client.get(f"/shop/orders/{order.access_token}/invoices/{invoice.number}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response["Cache-Control"] == "private, no-store"
    # A forged signature, the plain number, or another order's invoice behind this link: 404.
    assert client.get(f"/shop/orders/{_forged(order)}/invoices/{invoice.number}.pdf").status_code == 404
    assert client.get(f"/shop/orders/{order.number}/invoices/{invoice.number}.pdf").status_code == 404
    other = _guest_order()
    other_invoice = other.invoices.get()
    assert client.get(f"/shop/orders/{order.access_token}/invoices/{other_invoice.number}.pdf").status_code == 404


def test_a_guest_requests_a_return_from_the_signed_page(client):
    order = _guest_order()
    line = order.lines.get()
    response = client.post(
        f"/shop/orders/{order.access_token}/return/",
        {f"qty-{line.pk}": "1", "reason": ReturnReason.WRONG_SIZE, "comment": "Too small"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == order.get_absolute_url()
    page = response.content.decode()
    assert "We received your return request" in page and "Your return request is being reviewed" in page
    order.refresh_from_db()
    assert order.status == S.RETURN_REQUESTED
    assert list(order.returns.get().lines.values_list("order_line_id", "quantity")) == [(line.pk, 1)]
    event = OrderEvent.objects.get(order=order, to_status=S.RETURN_REQUESTED)
    assert event.actor is None and event.data["by"] == "buyer"


def test_a_forged_or_plain_link_cannot_request_a_return(client):
    order = _guest_order()
    line = order.lines.get()
    data = {f"qty-{line.pk}": "1", "reason": ReturnReason.OTHER}
    assert client.post(f"/shop/orders/{_forged(order)}/return/", data).status_code == 404
    assert client.post(f"/shop/orders/{order.number}/return/", data).status_code == 404
    # A member who is not the buyer gains nothing from being logged in.
    client.force_login(UserFactory())
    assert client.post(f"/shop/orders/{order.number}/return/", data).status_code == 404
    order.refresh_from_db()
    assert order.status == S.DELIVERED and not order.returns.exists()


def test_the_service_wants_the_signature_for_a_guest_order():
    order = _guest_order()
    line = order.lines.get()
    with pytest.raises(OrderTransitionError, match="Only the buyer"):
        fulfilment.order_request_return(order=order, actor=None, quantities={line.pk: 1}, reason=ReturnReason.OTHER)
    with pytest.raises(OrderTransitionError, match="Only the buyer"):
        fulfilment.order_request_return(
            order=order, actor=None, quantities={line.pk: 1}, reason=ReturnReason.OTHER, access_token=_forged(order)
        )
    with pytest.raises(OrderTransitionError, match="Only the buyer"):
        fulfilment.order_request_return(
            order=order, actor=UserFactory(), quantities={line.pk: 1}, reason=ReturnReason.OTHER
        )
    fulfilment.order_request_return(
        order=order, actor=None, quantities={line.pk: 1}, reason=ReturnReason.OTHER, access_token=order.access_token
    )
    order.refresh_from_db()
    assert order.status == S.RETURN_REQUESTED


def test_a_guest_return_is_refused_after_the_window_with_a_message(client):
    order = _guest_order(days_ago=15)
    line = order.lines.get()
    page = client.get(order.get_absolute_url()).content.decode()
    assert "withdrawal period for this order ended" in page and "Request a return" not in page
    response = client.post(
        f"/shop/orders/{order.access_token}/return/", {f"qty-{line.pk}": "1", "reason": "other"}, follow=True
    )
    assert "withdrawal period for this order ended" in response.content.decode()
    order.refresh_from_db()
    assert order.status == S.DELIVERED


def test_every_email_to_a_guest_links_the_signed_page():
    order = _guest_order(status=S.PAID)
    staff = UserFactory(is_superuser=True)
    fulfilment.order_mark_shipped(order=order, actor=staff, carrier=Carrier.DHL, tracking_number="00340434161094042557")
    signed = f"/shop/orders/{order.access_token}/"
    for step in (S.PAID, S.SHIPPED):
        message = deliver_order_email(order_id=order.pk, step=step)
        html = message.alternatives[0][0]
        assert signed in message.body and signed in html
        assert "/account/orders/" not in message.body and "/account/orders/" not in html
    # Once the buyer has an account the order joined, the emails link the account page.
    member = UserFactory(email=order.email)
    Order.objects.filter(pk=order.pk).update(user=member)
    message = deliver_order_email(order_id=order.pk, step=S.SHIPPED)
    assert f"/account/orders/{order.number}/" in message.body and order.access_token not in message.body
