"""What happens to an order after payment: production, shipping, delivery, returns, refunds, cancellation.

Like the design lifecycle (designs/services.py), a transition table says which move is allowed and who
may make it; every move is one service function, runs in one short transaction with the order row
locked, writes one OrderEvent with its actor and sends the buyer an email in the order's language.
A move the table does not allow raises OrderTransitionError with a message for the person who tried.
Refunds call Stripe only outside any transaction (services/refunds.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from shop import rules as shop_rules
from shop.errors import ShopError
from shop.models import Carrier, Order, OrderStatus, ReturnLine, ReturnReason, ReturnRequest, ReturnStatus
from shop.services.orders import order_event_record
from shop.services.refunds import order_refund, refund_claim, refund_execute

S = OrderStatus
STAFF, BUYER, SYSTEM = "staff", "buyer", "system"

# (from, to) -> who may make the move. Staff may also make the system's moves by hand.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.PENDING, S.PAID): SYSTEM,
    (S.FAILED, S.PAID): SYSTEM,
    (S.AUTHORIZED, S.PAID): SYSTEM,
    (S.PENDING, S.FAILED): SYSTEM,
    (S.PENDING, S.AUTHORIZED): SYSTEM,
    (S.FAILED, S.AUTHORIZED): SYSTEM,
    (S.PENDING, S.CANCELED): STAFF,
    (S.FAILED, S.CANCELED): STAFF,
    (S.AUTHORIZED, S.CANCELED): SYSTEM,
    (S.PAID, S.CANCELED): STAFF,  # with a full refund
    (S.PAID, S.IN_PRODUCTION): STAFF,
    (S.PAID, S.SHIPPED): STAFF,  # items from stock need no production
    (S.IN_PRODUCTION, S.SHIPPED): STAFF,
    (S.SHIPPED, S.DELIVERED): STAFF,
    (S.SHIPPED, S.RETURN_REQUESTED): BUYER,
    (S.DELIVERED, S.RETURN_REQUESTED): BUYER,
    (S.RETURN_REQUESTED, S.RETURNED): STAFF,  # return approved
    (S.RETURN_REQUESTED, S.SHIPPED): STAFF,  # return rejected: back where it was
    (S.RETURN_REQUESTED, S.DELIVERED): STAFF,
    (S.RETURNED, S.REFUNDED): STAFF,
    # A full refund (all lines) from any state in which money was taken.
    (S.PAID, S.REFUNDED): STAFF,
    (S.IN_PRODUCTION, S.REFUNDED): STAFF,
    (S.SHIPPED, S.REFUNDED): STAFF,
    (S.DELIVERED, S.REFUNDED): STAFF,
    (S.RETURN_REQUESTED, S.REFUNDED): STAFF,
}


class OrderTransitionError(ShopError):
    """A move the order lifecycle does not allow: always a clear message, never a silent no-op."""


def is_fulfilment_staff(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm("shop.change_order"))


def transition_allowed(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in TRANSITIONS


def staff_step_open(order: Order, to_status: str) -> bool:
    """Whether staff may take this step by hand now (an open return is decided by approving or rejecting it)."""
    if order.status == S.RETURN_REQUESTED and to_status in (S.SHIPPED, S.DELIVERED):
        return False
    return transition_allowed(order.status, to_status)


def is_buyer(order: Order, user: User | None, access_token: str = "") -> bool:
    """The buyer: the member who owns the order, or whoever holds its signed link (a guest, from the email)."""
    if access_token and order.access_token_matches(access_token):
        return True
    return bool(user is not None and user.is_authenticated and order.user_id and user.pk == order.user_id)


def _check(order: Order, to: str, actor: User | None, access_token: str = "") -> None:
    allowed = TRANSITIONS.get((order.status, to))
    if allowed is None:
        raise OrderTransitionError(
            _("An order cannot go from “%(from)s” to “%(to)s”.") % {"from": S(order.status).label, "to": S(to).label},
            code="forbidden_transition",
        )
    if allowed == BUYER:
        if not is_buyer(order, actor, access_token):
            raise PermissionDenied(_("Only the buyer can do this."))
    elif allowed in (STAFF, SYSTEM) and actor is not None and not is_fulfilment_staff(actor):
        raise PermissionDenied(_("Only the shop's staff can do this."))


def _transition(
    *,
    order: Order,
    to: str,
    actor: User | None,
    note: str = "",
    data: dict | None = None,
    updates=None,
    access_token: str = "",
    rejecting_return: bool = False,
) -> Order:
    from shop.emails import send_order_email

    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        _check(locked, to, actor, access_token)
        if locked.status == S.RETURN_REQUESTED and to in (S.SHIPPED, S.DELIVERED) and not rejecting_return:
            # Back to shipped or delivered only by rejecting the return, which tells the buyer why.
            raise OrderTransitionError(
                _("This order has an open return request: approve or reject it first."), code="open_return"
            )
        source = locked.status
        locked.status = to
        for field, value in (updates or {}).items():
            setattr(locked, field, value)
        if to in (S.CANCELED, S.REFUNDED):
            locked.closed_at = timezone.now()
        locked.save()
        order_event_record(order=locked, from_status=source, to_status=to, actor=actor, note=note, data=data)
        send_order_email(order=locked, step=to)
    return locked


def order_start_production(*, order: Order, actor: User | None) -> Order:
    return _transition(order=order, to=S.IN_PRODUCTION, actor=actor)


def order_mark_shipped(*, order: Order, actor: User | None, carrier: Carrier, tracking_number: str = "") -> Order:
    """Staff send the parcel: a Carrier (ShipForm reads it; a plain string is refused) and its tracking number."""
    tracking_number = (tracking_number or "").strip()
    if not isinstance(carrier, Carrier):
        raise ShopError(_("Choose a carrier."), code="carrier")
    if carrier != Carrier.OTHER and not tracking_number:
        raise ShopError(_("Enter the tracking number the carrier gave you."), code="tracking")
    return _transition(
        order=order,
        to=S.SHIPPED,
        actor=actor,
        data={"carrier": carrier, "tracking_number": tracking_number},
        updates={"carrier": carrier, "tracking_number": tracking_number[:60], "shipped_at": timezone.now()},
    )


def order_mark_delivered(*, order: Order, actor: User | None) -> Order:
    return _transition(order=order, to=S.DELIVERED, actor=actor, updates={"delivered_at": timezone.now()})


def order_cancel(*, order: Order, actor: User | None, reason: str = "") -> Order:
    """Staff cancel an order: an unpaid one at once, a paid one (not yet in production) with a full refund."""
    order.refresh_from_db()
    _check(order, S.CANCELED, actor)
    if order.status == S.PAID:
        order_refund(order=order, actor=actor, quantities=None, reason=reason, to_status=S.CANCELED)
        order.refresh_from_db()
        return order
    return _transition(order=order, to=S.CANCELED, actor=actor, note=reason, updates={"note": reason})


# Returns and the 14-day right of withdrawal


def return_window_ends(order: Order):
    """The withdrawal period runs 14 days from delivery; before delivery it has not even started."""
    if order.delivered_at is None:
        return None
    return order.delivered_at + timedelta(days=shop_rules.WITHDRAWAL_DAYS)


def returnable_lines(order: Order) -> list:
    """The lines a buyer may send back: kept units, not personalised, not already in an open return."""
    open_returns = ReturnLine.objects.filter(
        return_request__order=order, return_request__status__in=(ReturnStatus.REQUESTED, ReturnStatus.APPROVED)
    )
    taken: dict[int, int] = {}
    for rl in open_returns:
        taken[rl.order_line_id] = taken.get(rl.order_line_id, 0) + rl.quantity
    result = []
    for line in order.lines.select_related("product"):
        if line.product.personalised:
            continue
        left = line.kept_quantity - taken.get(line.pk, 0)
        if left > 0:
            line.returnable_quantity = left
            result.append(line)
    return result


def return_refusal(order: Order, user: User | None, now=None, *, access_token: str = "") -> str:
    """Why this buyer cannot request a return now, or "" if they can (a guest proves it with the signed link)."""
    now = now or timezone.now()
    if not is_buyer(order, user, access_token):
        return _("Only the buyer can request a return.")
    if order.status not in (S.SHIPPED, S.DELIVERED):
        return _("A return can be requested once the order has been shipped.")
    ends = return_window_ends(order)
    if ends is not None and now > ends:
        return _("The 14-day withdrawal period for this order ended on %(date)s.") % {
            "date": timezone.localtime(ends).date().isoformat()
        }
    if not returnable_lines(order):
        return _("Nothing in this order can be returned: personalised items are excluded from withdrawal.")
    return ""


def order_request_return(
    *,
    order: Order,
    actor: User | None,
    quantities: Mapping[int, int],
    reason: ReturnReason,
    comment: str = "",
    access_token: str = "",
) -> ReturnRequest:
    """The buyer withdraws from (part of) the order within 14 days of delivery; personalised items are excluded.

    A member is the buyer of their own orders; a guest (actor None) shows the order's signed link instead.
    The reason is a ReturnReason and the quantities whole numbers per line (ReturnRequestForm reads them);
    a plain string for the reason is refused and nothing is written.
    """
    if not isinstance(reason, ReturnReason):
        raise ShopError(_("Please tell us why you send it back."), code="reason")
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        refusal = return_refusal(locked, actor, access_token=access_token)
        if refusal:
            if locked.status not in (S.SHIPPED, S.DELIVERED) and is_buyer(locked, actor, access_token):
                _check(locked, S.RETURN_REQUESTED, actor, access_token)
            raise OrderTransitionError(refusal, code="return_refused")
        allowed = {line.pk: line for line in returnable_lines(locked)}
        wanted = {int(k): int(v) for k, v in quantities.items() if int(v) > 0}
        if not wanted:
            raise ShopError(_("Choose at least one item to send back."), code="no_items")
        personalised = {line.pk for line in locked.lines.select_related("product") if line.product.personalised}
        for line_id, n in wanted.items():
            if line_id in personalised:
                raise OrderTransitionError(
                    _("Personalised items are made for you alone and cannot be returned."), code="personalised"
                )
            if line_id not in allowed or n > allowed[line_id].returnable_quantity:
                raise ShopError(_("You can only send back items from this order that you kept."), code="quantity")
        request = ReturnRequest.objects.create(
            order=locked, reason=reason, comment=comment[:2000], previous_status=locked.status
        )
        for line_id, n in wanted.items():
            ReturnLine.objects.create(return_request=request, order_line_id=line_id, quantity=n)
        _transition(
            order=locked,
            to=S.RETURN_REQUESTED,
            actor=actor,
            note=comment[:500],
            data={
                "return": request.pk,
                "reason": reason,
                "items": {str(k): v for k, v in wanted.items()},
                "by": "buyer",
            },
            access_token=access_token,
        )
    return request


def _open_return(order: Order) -> ReturnRequest:
    request = order.returns.filter(status__in=(ReturnStatus.REQUESTED, ReturnStatus.APPROVED)).first()
    if request is None:
        raise OrderTransitionError(_("This order has no open return."), code="no_return")
    return request


def order_reject_return(*, order: Order, actor: User, note: str = "") -> Order:
    """Staff reject the return: the order goes back to where it was and the buyer reads why."""
    request = _open_return(order)
    with transaction.atomic():
        order = _transition(
            order=order,
            to=request.previous_status,
            actor=actor,
            note=note,
            data={"return": request.pk},
            rejecting_return=True,
        )
        ReturnRequest.objects.filter(pk=request.pk).update(
            status=ReturnStatus.REJECTED, staff_note=note, decided_at=timezone.now()
        )
    return order


def order_approve_return(*, order: Order, actor: User, note: str = "") -> Order:
    """Staff approve the return, then refund its items through Stripe (royalties follow by signal).

    If Stripe does not answer, the return stays approved and RefundUnavailable says so; "refund the
    return" tries again later.
    """
    request = _open_return(order)
    if request.status == ReturnStatus.REQUESTED:
        with transaction.atomic():
            order = _transition(order=order, to=S.RETURNED, actor=actor, note=note, data={"return": request.pk})
            ReturnRequest.objects.filter(pk=request.pk).update(
                status=ReturnStatus.APPROVED, staff_note=note, decided_at=timezone.now()
            )
    return order_refund_return(order=order, actor=actor)


def order_refund_return(*, order: Order, actor: User) -> Order:
    order.refresh_from_db()
    request = _open_return(order)
    _check(order, S.REFUNDED, actor)
    if request.status != ReturnStatus.APPROVED:
        raise OrderTransitionError(_("Approve the return first."), code="not_approved")
    quantities = {rl.order_line_id: rl.quantity for rl in request.lines.all()}
    everything = sum(quantities.values()) >= sum(line.kept_quantity for line in order.lines.all())
    refund = refund_claim(
        order=order,
        actor=actor,
        quantities=quantities,
        include_shipping=everything,
        reason=_("Return"),
        return_request=request,
    )
    refund_execute(refund_id=refund.pk, to_status=S.REFUNDED)
    ReturnRequest.objects.filter(pk=request.pk).update(status=ReturnStatus.REFUNDED)
    order.refresh_from_db()
    return order


def order_refund_lines(
    *, order: Order, actor: User, quantities: Mapping[int, int] | None, include_shipping: bool = False, reason=""
) -> Order:
    """Staff refund some units (or, with quantities None, everything); the order is refunded when nothing is left."""
    if not is_fulfilment_staff(actor):
        raise PermissionDenied(_("Only the shop's staff can do this."))
    order.refresh_from_db()
    if quantities is None and not transition_allowed(order.status, S.REFUNDED) and order.status != S.RETURNED:
        _check(order, S.REFUNDED, actor)
    order_refund(order=order, actor=actor, quantities=quantities, include_shipping=include_shipping, reason=reason)
    order.refresh_from_db()
    return order
