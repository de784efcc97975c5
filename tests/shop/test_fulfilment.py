"""The order lifecycle after payment: the transition table, its history, the buyer's emails and page, returns."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from makers.models import RoyaltyEntry
from shop.errors import ShopError
from shop.models import Carrier, Order, OrderEvent, OrderStatus, ReturnReason, ReturnStatus
from shop.services import fulfilment
from shop.services.fulfilment import TRANSITIONS, OrderTransitionError
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_order, make_product, pay_order
from tests.shop.conftest import ls_get

pytestmark = pytest.mark.django_db
S = OrderStatus


@pytest.fixture
def staff():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Fulfilment"))
    return user


@pytest.fixture
def buyer():
    return UserFactory()


FORBIDDEN = [(a, b) for a in S.values for b in S.values if a != b and (a, b) not in TRANSITIONS]


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_every_forbidden_transition_is_refused_with_a_clear_error(source, target, staff):
    order = make_order(status=source)
    with pytest.raises(OrderTransitionError) as exc:
        fulfilment._transition(order=order, to=target, actor=staff)
    assert str(S(source).label) in exc.value.messages[0] and str(S(target).label) in exc.value.messages[0]
    order.refresh_from_db()
    assert order.status == source
    assert not OrderEvent.objects.filter(order=order).exists()


ACTIONS = {
    "start_production": (S.IN_PRODUCTION, lambda order, u: fulfilment.order_start_production(order=order, actor=u)),
    "mark_shipped": (
        S.SHIPPED,
        lambda order, u: fulfilment.order_mark_shipped(order=order, actor=u, carrier=Carrier.DHL, tracking_number="1"),
    ),
    "mark_delivered": (S.DELIVERED, lambda order, u: fulfilment.order_mark_delivered(order=order, actor=u)),
}


@pytest.mark.parametrize(
    ("action", "source"),
    [(name, s) for name, (to, _) in ACTIONS.items() for s in S.values if (s, to) not in TRANSITIONS],
)
def test_each_staff_action_refuses_the_states_it_cannot_leave(action, source, staff):
    order = make_order(status=source)
    with pytest.raises(OrderTransitionError):
        ACTIONS[action][1](order, staff)
    order.refresh_from_db()
    assert order.status == source


def test_a_member_without_the_permission_cannot_move_an_order(buyer):
    order = make_order(user=buyer, status=S.PAID)
    with pytest.raises(PermissionDenied):
        fulfilment.order_start_production(order=order, actor=buyer)
    order.refresh_from_db()
    assert order.status == S.PAID


def test_paid_to_delivered_records_each_step_with_its_actor_and_emails_the_buyer(
    staff, buyer, mailoutbox, django_capture_on_commit_callbacks
):
    order = make_order(user=buyer, status=S.PAID)
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment.order_start_production(order=order, actor=staff)
        fulfilment.order_mark_shipped(
            order=order, actor=staff, carrier=Carrier.DHL, tracking_number="00340434161094042557"
        )
        fulfilment.order_mark_delivered(order=order, actor=staff)
    order.refresh_from_db()
    assert order.status == S.DELIVERED and order.delivered_at and order.shipped_at
    events = list(OrderEvent.objects.filter(order=order).values_list("from_status", "to_status", "actor"))
    assert events == [
        (S.PAID, S.IN_PRODUCTION, staff.pk),
        (S.IN_PRODUCTION, S.SHIPPED, staff.pk),
        (S.SHIPPED, S.DELIVERED, staff.pk),
    ]
    assert [m.to for m in mailoutbox] == [[buyer.email]] * 3
    shipped = mailoutbox[1]
    assert "00340434161094042557" in shipped.body
    assert "https://www.dhl.de/" in shipped.body
    html = shipped.alternatives[0][0]
    assert 'href="https://www.dhl.de/' in html


def test_shipping_needs_a_carrier_and_a_tracking_number(staff):
    order = make_order(status=S.PAID)
    with pytest.raises(Exception, match="tracking number"):
        fulfilment.order_mark_shipped(order=order, actor=staff, carrier=Carrier.DPD, tracking_number=" ")
    with pytest.raises(Exception, match="carrier"):
        fulfilment.order_mark_shipped(order=order, actor=staff, carrier="pigeon", tracking_number="1")
    with pytest.raises(ShopError, match="carrier"):  # a carrier's name as a string is not a Carrier
        fulfilment.order_mark_shipped(order=order, actor=staff, carrier="dhl", tracking_number="1")
    order.refresh_from_db()
    assert order.status == S.PAID


def test_the_emails_speak_the_orders_language(staff, mailoutbox, django_capture_on_commit_callbacks):
    order = make_order(status=S.PAID, language="de", email="kunde@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment.order_start_production(order=order, actor=staff)
    assert mailoutbox[0].subject == f"[Commonmade] Deine Bestellung {order.number} wird jetzt hergestellt"
    assert "Gute Nachricht" in mailoutbox[0].body


def test_buyer_page_shows_timeline_carrier_and_tracking_link(client, staff, buyer):
    order = make_order(user=buyer, status=S.PAID)
    fulfilment.order_mark_shipped(order=order, actor=staff, carrier=Carrier.UPS, tracking_number="1Z999AA10123456784")
    client.force_login(buyer)
    page = client.get(f"/account/orders/{order.number}/").content.decode()
    assert "Timeline" in page and "Shipped" in page
    assert 'href="https://www.ups.com/track?tracknum=1Z999AA10123456784"' in page
    other = UserFactory()
    client.force_login(other)
    assert client.get(f"/account/orders/{order.number}/").status_code == 404


# Returns and the 14-day withdrawal


def _delivered(buyer, *, days_ago=1, personalised=False, quantity=2):
    product = make_product(price="20.00")
    if personalised:
        product.personalised = True
        product.save()
    order = make_order(user=buyer, items=[(product, quantity)], status=S.DELIVERED)
    Order.objects.filter(pk=order.pk).update(delivered_at=timezone.now() - timedelta(days=days_ago))
    order.refresh_from_db()
    return order


def test_return_request_within_the_window_from_the_order_page(client, buyer):
    order = _delivered(buyer, days_ago=13)
    line = order.lines.get()
    client.force_login(buyer)
    page = client.get(order.get_absolute_url()).content.decode()
    assert "Request a return" in page
    response = client.post(
        f"/account/orders/{order.number}/return/",
        {f"qty-{line.pk}": "1", "reason": ReturnReason.WRONG_SIZE, "comment": "Too small"},
        follow=True,
    )
    assert "We received your return request" in response.content.decode()
    order.refresh_from_db()
    assert order.status == S.RETURN_REQUESTED
    request = order.returns.get()
    assert request.previous_status == S.DELIVERED
    assert list(request.lines.values_list("order_line_id", "quantity")) == [(line.pk, 1)]
    assert OrderEvent.objects.filter(order=order, to_status=S.RETURN_REQUESTED, actor=buyer).exists()


@pytest.mark.parametrize(
    ("quantity", "reason", "said"),
    [
        ("1", "broken", "Please tell us why you send it back."),
        ("1", "", "Please tell us why you send it back."),
        ("one", ReturnReason.DAMAGED, "Quantities are whole numbers."),
        ("-1", ReturnReason.DAMAGED, "Quantities are whole numbers."),
    ],
)
def test_a_return_form_that_does_not_read_is_refused_and_writes_nothing(client, buyer, quantity, reason, said):
    order = _delivered(buyer)
    line = order.lines.get()
    client.force_login(buyer)
    data = {f"qty-{line.pk}": quantity, "reason": reason}
    response = client.post(f"/account/orders/{order.number}/return/", data, follow=True)
    assert said in response.content.decode()
    order.refresh_from_db()
    assert order.status == S.DELIVERED and not order.returns.exists()


def test_the_return_service_takes_a_return_reason_never_a_string(buyer):
    order = _delivered(buyer)
    with pytest.raises(ShopError, match="why you send it back"):
        fulfilment.order_request_return(order=order, actor=buyer, quantities={order.lines.get().pk: 1}, reason="other")
    order.refresh_from_db()
    assert order.status == S.DELIVERED and not order.returns.exists()


def test_return_after_the_window_is_refused_with_a_message(client, buyer):
    order = _delivered(buyer, days_ago=15)
    line = order.lines.get()
    client.force_login(buyer)
    response = client.post(
        f"/account/orders/{order.number}/return/",
        {f"qty-{line.pk}": "1", "reason": ReturnReason.CHANGED_MIND},
        follow=True,
    )
    assert response.status_code == 200
    assert "withdrawal period for this order ended" in response.content.decode()
    order.refresh_from_db()
    assert order.status == S.DELIVERED and not order.returns.exists()


def test_personalised_items_cannot_be_returned(buyer):
    order = _delivered(buyer, personalised=True)
    line = order.lines.get()
    assert "personalised" in fulfilment.return_refusal(order, buyer)
    with pytest.raises(OrderTransitionError):
        fulfilment.order_request_return(
            order=order, actor=buyer, quantities={line.pk: 1}, reason=ReturnReason.CHANGED_MIND
        )
    order.refresh_from_db()
    assert order.status == S.DELIVERED


def test_only_the_buyer_may_request_a_return(buyer):
    order = _delivered(buyer)
    with pytest.raises(OrderTransitionError, match="Only the buyer"):
        fulfilment.order_request_return(
            order=order, actor=UserFactory(), quantities={order.lines.get().pk: 1}, reason=ReturnReason.OTHER
        )


def test_rejected_return_goes_back_to_delivered(buyer, staff):
    order = _delivered(buyer)
    fulfilment.order_request_return(
        order=order, actor=buyer, quantities={order.lines.get().pk: 1}, reason=ReturnReason.OTHER
    )
    order = fulfilment.order_reject_return(order=order, actor=staff, note="Worn and washed")
    assert order.status == S.DELIVERED
    assert order.returns.get().status == ReturnStatus.REJECTED


def test_approved_return_is_refunded_through_stripe_and_reverses_the_royalty(
    buyer, staff, stripe_on, mailoutbox, django_capture_on_commit_callbacks
):
    product = make_product(price="20.00", royalty_share="0.15")
    order = make_order(user=buyer, items=[(product, 2)], shipping_cost="4.90")
    with django_capture_on_commit_callbacks(execute=True):
        pay_order(order)
    fulfilment.order_mark_shipped(order=order, actor=staff, carrier=Carrier.GLS, tracking_number="123")
    fulfilment.order_mark_delivered(order=order, actor=staff)
    maker = product.design.maker
    assert sum(e.amount for e in RoyaltyEntry.objects.filter(maker=maker)) == 6
    line = order.lines.get()
    fulfilment.order_request_return(order=order, actor=buyer, quantities={line.pk: 1}, reason=ReturnReason.DAMAGED)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = fulfilment.order_approve_return(order=order, actor=staff)
    assert order.status == S.REFUNDED
    assert order.refunded_amount == 20
    line.refresh_from_db()
    assert line.refunded_quantity == 1
    intent = ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")
    charge = intent["latest_charge"]
    charge = charge if isinstance(charge, dict) else ls_get(stripe_on, f"/v1/charges/{charge}")
    assert charge["amount_refunded"] == 2000
    # One unit of two: half the maker's royalty goes back.
    assert sum(e.amount for e in RoyaltyEntry.objects.filter(maker=maker)) == 3
    subjects = [m.subject for m in mailoutbox]
    assert any("return" in s and "approved" in s for s in subjects)
    assert any(s.startswith("[Commonmade] Refund for order") for s in subjects)
    assert order.returns.get().status == ReturnStatus.REFUNDED
    assert list(OrderEvent.objects.filter(order=order).values_list("to_status", flat=True))[-2:] == [
        S.RETURNED,
        S.REFUNDED,
    ]
