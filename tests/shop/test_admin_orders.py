"""Fulfilment staff screens in the Wagtail admin: permission policy, list, detail, actions, refunds, export."""

from __future__ import annotations

import socket

import pytest
from django.contrib.auth.models import Group

from shop.models import Order, OrderEvent, OrderStatus, Refund, RefundStatus
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_order, make_product, pay_order

pytestmark = pytest.mark.django_db
S = OrderStatus


@pytest.fixture
def staff(client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Fulfilment"))
    client.force_login(user)
    return user


def _said(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_members_without_the_permission_get_no_order_screens(client):
    order = make_order(status=S.PAID)
    client.force_login(UserFactory())
    assert client.get("/admin/shop_orders/").status_code in (302, 403)
    response = client.post(f"/admin/shop_orders/action/{order.pk}/start_production/")
    assert response.status_code in (302, 403)
    order.refresh_from_db()
    assert order.status == S.PAID and not OrderEvent.objects.exists()


def test_admin_access_alone_is_not_enough(client):
    """A Wagtail editor without shop.change_order sees no list and cannot act."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    order = make_order(status=S.PAID)
    assert client.get("/admin/shop_orders/").status_code in (302, 403)
    assert client.post(f"/admin/shop_orders/action/{order.pk}/start_production/").status_code in (302, 403)
    order.refresh_from_db()
    assert order.status == S.PAID


def test_list_filters_search_and_csv_export(client, staff):
    paid = make_order(status=S.PAID)
    pending = make_order(status=S.PENDING, email="someone@example.com")
    page = client.get("/admin/shop_orders/", {"status": S.PAID}).content.decode()
    assert paid.number in page and pending.number not in page
    page = client.get("/admin/shop_orders/", {"q": "someone@example"}).content.decode()
    assert pending.number in page and paid.number not in page
    response = client.get("/admin/shop_orders/", {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert paid.number in body and pending.number in body


def test_detail_actions_and_history(client, staff):
    order = make_order(status=S.PAID)
    page = client.get(f"/admin/shop_orders/inspect/{order.pk}/").content.decode()
    assert "Start production" in page and "Packing slip" in page
    response = client.post(f"/admin/shop_orders/action/{order.pk}/start_production/", follow=True)
    assert "is in production" in _said(response)
    response = client.post(
        f"/admin/shop_orders/action/{order.pk}/mark_shipped/",
        {"carrier": "dpd", "tracking": "01234567890123"},
        follow=True,
    )
    assert "shipped" in _said(response)
    order.refresh_from_db()
    assert (order.status, order.carrier, order.tracking_number) == (S.SHIPPED, "dpd", "01234567890123")
    assert list(OrderEvent.objects.filter(order=order).values_list("actor", flat=True)) == [staff.pk, staff.pk]
    page = client.get(f"/admin/shop_orders/inspect/{order.pk}/").content.decode()
    assert "History" in page and "In production" in page and "tracking.dpd.de" in page


@pytest.mark.parametrize("carrier", ["pigeon", "DHL", ""])
def test_mark_shipped_with_an_unknown_carrier_is_a_message_and_ships_nothing(client, staff, carrier):
    order = make_order(status=S.IN_PRODUCTION)
    response = client.post(
        f"/admin/shop_orders/action/{order.pk}/mark_shipped/", {"carrier": carrier, "tracking": "1"}, follow=True
    )
    assert response.status_code == 200 and "Choose a carrier." in _said(response)
    order.refresh_from_db()
    assert (order.status, order.carrier, order.tracking_number) == (S.IN_PRODUCTION, "", "")


def test_a_forbidden_action_is_a_message_not_an_error_page(client, staff):
    order = make_order(status=S.PENDING)
    response = client.post(f"/admin/shop_orders/action/{order.pk}/mark_delivered/", follow=True)
    assert response.status_code == 200
    assert "cannot go from" in _said(response)
    order.refresh_from_db()
    assert order.status == S.PENDING


def test_packing_slip_lists_items_and_address(client, staff):
    order = make_order(status=S.PAID)
    page = client.get(f"/admin/shop_orders/packing-slip/{order.pk}/").content.decode()
    assert "Erika Mustermann" in page and order.lines.get().sku in page
    client.force_login(UserFactory())
    assert client.get(f"/admin/shop_orders/packing-slip/{order.pk}/").status_code in (302, 403)


def test_refund_one_line_through_stripe_from_the_admin(client, staff, stripe_on):
    first, second = make_product(price="20.00"), make_product(price="10.00")
    order = pay_order(make_order(items=[(first, 2), (second, 1)], shipping_cost="4.90"))
    line = order.lines.get(product=first)
    response = client.post(
        f"/admin/shop_orders/action/{order.pk}/refund/", {f"qty-{line.pk}": "1", "reason": "Goodwill"}, follow=True
    )
    assert "Refunded" in _said(response)
    order.refresh_from_db()
    line.refresh_from_db()
    assert order.refunded_amount == 20 and order.status == S.PAID and line.refunded_quantity == 1
    # The rest in full: the order is refunded.
    client.post(f"/admin/shop_orders/action/{order.pk}/refund/", {"scope": "all"}, follow=True)
    order.refresh_from_db()
    assert order.status == S.REFUNDED and order.refunded_amount == order.total


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_stripe_down_during_a_refund_says_so_and_changes_nothing(client, staff, stripe_on, settings):
    order = pay_order(make_order(status=S.PENDING))
    events = OrderEvent.objects.filter(order=order).count()
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{_closed_port()}"
    response = client.post(f"/admin/shop_orders/action/{order.pk}/refund/", {"scope": "all"}, follow=True)
    assert response.status_code == 200
    assert "Nothing was refunded and the order is unchanged" in _said(response)
    fresh = Order.objects.get(pk=order.pk)
    assert (fresh.status, fresh.refunded_amount) == (S.PAID, 0)
    assert all(line.refunded_quantity == 0 for line in fresh.lines.all())
    assert OrderEvent.objects.filter(order=order).count() == events
    assert Refund.objects.get(order=order).status == RefundStatus.FAILED
    # Stripe is back: the same refund goes through.
    settings.STRIPE_API_BASE = stripe_on
    client.post(f"/admin/shop_orders/action/{order.pk}/refund/", {"scope": "all"}, follow=True)
    fresh.refresh_from_db()
    assert fresh.status == S.REFUNDED


def test_the_order_number_in_the_list_opens_the_order_with_its_next_steps(client, staff):
    order = make_order(status=S.PAID)
    page = client.get("/admin/shop_orders/").content.decode()
    assert f'href="/admin/shop_orders/inspect/{order.pk}/"' in page
    assert f'<a href="/admin/shop_orders/edit/{order.pk}/">' not in page


def test_the_text_fields_of_the_next_steps_are_text_inputs(client, staff):
    # Without a type the admin's styles draw no box: staff could not see where to type the tracking number.
    order = make_order(status=S.PAID)
    page = client.get(f"/admin/shop_orders/inspect/{order.pk}/").content.decode()
    assert '<input type="text" id="tracking"' in page and '<input type="text" id="cancel-reason"' in page


def test_an_order_never_paid_offers_no_refund(client, staff):
    order = make_order(status=S.CANCELED)
    Order.objects.filter(pk=order.pk).update(payment_intent_id="pi_never_captured")
    page = client.get(f"/admin/shop_orders/inspect/{order.pk}/").content.decode()
    assert "Refund through Stripe" not in page


def test_an_open_return_is_decided_by_approving_or_rejecting_it_not_by_shipping_again(client, staff):
    order = make_order(status=S.RETURN_REQUESTED)
    page = client.get(f"/admin/shop_orders/inspect/{order.pk}/").content.decode()
    assert "Mark shipped" not in page and "Mark delivered" not in page
    for action in ("mark_shipped", "mark_delivered"):
        response = client.post(
            f"/admin/shop_orders/action/{order.pk}/{action}/", {"carrier": "dhl", "tracking": "1"}, follow=True
        )
        assert "open return request" in _said(response)
    order.refresh_from_db()
    assert order.status == S.RETURN_REQUESTED


def test_stripe_down_while_approving_a_return_says_it_is_approved_but_not_refunded(client, staff, stripe_on, settings):
    from django.utils import timezone

    from shop.models import ReturnReason
    from shop.services import fulfilment

    buyer = UserFactory()
    order = pay_order(make_order(user=buyer, items=[(make_product(price="20.00"), 1)]))
    Order.objects.filter(pk=order.pk).update(status=S.DELIVERED, delivered_at=timezone.now())
    order.refresh_from_db()
    fulfilment.order_request_return(
        order=order, actor=buyer, quantities={order.lines.get().pk: 1}, reason=ReturnReason.CHANGED_MIND
    )
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{_closed_port()}"
    response = client.post(f"/admin/shop_orders/action/{order.pk}/approve_return/", follow=True)
    assert response.status_code == 200
    said = _said(response)
    assert "The return is approved" in said and "nothing was refunded yet" in said
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (S.RETURNED, 0)
    assert "Refund the return" in response.content.decode()
    # Stripe is back: "Refund the return" refunds it.
    settings.STRIPE_API_BASE = stripe_on
    response = client.post(f"/admin/shop_orders/action/{order.pk}/approve_return/", follow=True)
    assert "refunded" in _said(response)
    order.refresh_from_db()
    assert order.status == S.REFUNDED and order.refunded_amount == order.total  # a full return refunds shipping too


def test_stripe_down_while_canceling_a_paid_order_says_so_and_changes_nothing(client, staff, stripe_on, settings):
    order = pay_order(make_order(status=S.PENDING))
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{_closed_port()}"
    response = client.post(f"/admin/shop_orders/action/{order.pk}/cancel/", {"reason": "Out of ink"}, follow=True)
    assert response.status_code == 200
    assert "Nothing was refunded and the order is unchanged" in _said(response)
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (S.PAID, 0)


def test_a_demo_order_says_why_stripe_will_not_refund_it(client, staff):
    demo = make_order(status=S.RETURN_REQUESTED)
    Order.objects.filter(pk=demo.pk).update(payment_intent_id="pi_demo_demo00000007")
    assert (
        "A demo order: it was never paid through Stripe"
        in client.get(f"/admin/shop_orders/inspect/{demo.pk}/").content.decode()
    )
    real = make_order(status=S.PAID)
    Order.objects.filter(pk=real.pk).update(payment_intent_id="pi_123")
    assert "A demo order" not in client.get(f"/admin/shop_orders/inspect/{real.pk}/").content.decode()
