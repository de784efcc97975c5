"""Fulfilment in the Wagtail admin: an Order viewset (list with filters, search and CSV export; the
order's page with its history and the actions) guarded by one permission policy.

Staff with shop.view_order see orders; shop.change_order moves them along (production, shipping,
delivery, returns, refunds). Nobody adds or deletes an order here: checkout makes them, the ledger
keeps them. The views only parse the form and call services/fulfilment.py.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from shop.demo import DEMO_INTENT_PREFIX
from shop.forms import ShipForm
from shop.models import REFUNDABLE_STATES, Carrier, Order, OrderStatus, ReturnStatus
from shop.selectors import orders as orders_selectors
from shop.services import fulfilment
from shop.services.refunds import RefundUnavailable, refund_resume, refundable_quantities


class OrderPermissionPolicy(ModelPermissionPolicy):
    """view_order to look, change_order to act; adding and deleting orders is nobody's job here."""

    NEVER = frozenset({"add", "delete", "copy"})

    def user_has_permission(self, user, action):
        if action in self.NEVER:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


ORDER_POLICY = OrderPermissionPolicy(Order)

# Action name -> the status it leads to (for the buttons shown) and the service that performs it.
STATUS_ACTIONS = {
    "start_production": (OrderStatus.IN_PRODUCTION, gettext_lazy("Start production")),
    "mark_shipped": (OrderStatus.SHIPPED, gettext_lazy("Mark shipped")),
    "mark_delivered": (OrderStatus.DELIVERED, gettext_lazy("Mark delivered")),
    "cancel": (OrderStatus.CANCELED, gettext_lazy("Cancel order")),
}


class OrderIndexView(IndexView):
    """The order number opens the order itself (history and the next step), not the form for its note."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column = super()._get_title_column(field_name, column_class, **kwargs)
        column._get_url_func = lambda instance: self.get_inspect_url(instance) or self.get_edit_url(instance)
        return column


class OrderInspectView(InspectView):
    template_name = "shop/admin/order_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        can_change = ORDER_POLICY.user_has_permission(self.request.user, "change")
        available = refundable_quantities(order=order)
        context.update(
            {
                "order": order,
                "lines": [(line, available.get(line.pk, 0)) for line in order.lines.all()],
                "timeline": orders_selectors.order_timeline(order=order),
                "invoices": orders_selectors.order_invoices(order=order),
                "refunds": order.refunds.prefetch_related("lines__order_line"),
                "open_return": order.returns.filter(status__in=(ReturnStatus.REQUESTED, ReturnStatus.APPROVED)).first(),
                "can_change": can_change,
                "demo_payment": (order.payment_intent_id or "").startswith(DEMO_INTENT_PREFIX),
                "actions": [
                    (name, label)
                    for name, (to, label) in STATUS_ACTIONS.items()
                    if can_change and fulfilment.staff_step_open(order, to)
                ],
                "carriers": Carrier.choices,
                "can_refund": can_change
                and bool(order.payment_intent_id)
                and order.status in REFUNDABLE_STATES
                and any(available.values()),
                "action_url": lambda name: reverse("shop_orders:action", args=[order.pk, name]),
                "packing_slip_url": reverse("shop_orders:packing_slip", args=[order.pk]),
            }
        )
        return context


class OrderActionView(View):
    """POST only: one fulfilment step for one order; every refusal is a message, never an error page."""

    def post(self, request, pk: int, action: str):
        if not ORDER_POLICY.user_has_permission(request.user, "change"):
            raise PermissionDenied
        order = get_object_or_404(Order, pk=pk)
        user = request.user
        try:
            done = self.perform(order, action, user, request.POST)
        except PermissionDenied as exc:
            messages.error(request, str(exc) or _("You may not do this."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
        return redirect("shop_orders:inspect", pk)

    def perform(self, order: Order, action: str, user, data) -> str:
        if action == "start_production":
            fulfilment.order_start_production(order=order, actor=user)
            return _("Order %(n)s is in production.") % {"n": order.number}
        if action == "mark_shipped":
            form = ShipForm(data)
            if not form.is_valid():
                raise ValidationError(form.first_error())
            fulfilment.order_mark_shipped(
                order=order,
                actor=user,
                carrier=form.cleaned_data["carrier"],
                tracking_number=form.cleaned_data["tracking"],
            )
            return _("Order %(n)s is shipped; the buyer got the tracking link.") % {"n": order.number}
        if action == "mark_delivered":
            fulfilment.order_mark_delivered(order=order, actor=user)
            return _("Order %(n)s is delivered.") % {"n": order.number}
        if action == "cancel":
            fulfilment.order_cancel(order=order, actor=user, reason=data.get("reason", "").strip())
            return _("Order %(n)s was canceled.") % {"n": order.number}
        if action == "approve_return":
            try:
                fulfilment.order_approve_return(order=order, actor=user, note=data.get("note", "").strip())
            except RefundUnavailable as exc:
                raise ValidationError(
                    _(
                        "The return is approved, but the payment provider could not be reached or did not take "
                        "the refund: nothing was refunded yet. Press “Refund the return” in a few minutes."
                    )
                ) from exc
            return _("Return approved and refunded.")
        if action == "refund_return":
            fulfilment.order_refund_return(order=order, actor=user)
            return _("Return refunded.")
        if action == "retry_refund":
            refund = order.refunds.filter(pk=_int(data.get("refund"))).first()
            if refund is None:
                raise ValidationError(_("There is no such refund on this order."))
            refund = refund_resume(refund_id=refund.pk)
            return _("Refund of %(amount)s: %(status)s.") % {
                "amount": _money(refund.amount),
                "status": refund.get_status_display(),
            }
        if action == "reject_return":
            fulfilment.order_reject_return(order=order, actor=user, note=data.get("note", "").strip())
            return _("Return rejected; the buyer was told why.")
        if action == "refund":
            quantities = None
            if data.get("scope") != "all":
                quantities = {}
                for line in order.lines.all():
                    raw = data.get(f"qty-{line.pk}", "").strip()
                    if raw and not raw.isdigit():
                        raise ValidationError(_("Quantities are whole numbers."))
                    quantities[line.pk] = int(raw or 0)
            order = fulfilment.order_refund_lines(
                order=order,
                actor=user,
                quantities=quantities,
                include_shipping=bool(data.get("shipping")),
                reason=data.get("reason", "").strip(),
            )
            return _("Refunded; %(amount)s refunded on this order in all.") % {"amount": _money(order.refunded_amount)}
        raise ValidationError(_("Unknown action."))


def _int(raw) -> int:
    return int(raw) if str(raw or "").isdigit() else 0


def _money(amount: Decimal) -> str:
    from core.money import format_money

    return format_money(amount)


class PackingSlipView(View):
    """A printable packing slip: what goes in the parcel and where it goes (no prices)."""

    def get(self, request, pk: int):
        if not ORDER_POLICY.user_has_any_permission(request.user, ["view", "change"]):
            raise PermissionDenied
        order = get_object_or_404(Order, pk=pk)
        lines = [line for line in order.lines.all() if line.kept_quantity]
        return TemplateResponse(request, "shop/admin/packing_slip.html", {"order": order, "lines": lines})


class OrderViewSet(ModelViewSet):
    model = Order
    icon = "list-ul"
    menu_label = gettext_lazy("Orders")
    menu_order = 410
    add_to_admin_menu = True
    name = "shop_orders"
    list_display = ["number", "created_at", "status", "email", "shipping_country", "total", "tracking_number"]
    list_filter = ["status", "shipping_country", "created_at"]
    search_fields = ["number", "email", "shipping_name", "tracking_number"]
    list_export = [
        "number",
        "created_at",
        "paid_at",
        "status",
        "email",
        "shipping_name",
        "shipping_postcode",
        "shipping_city",
        "shipping_country",
        "subtotal",
        "shipping_cost",
        "vat_total",
        "total",
        "refunded_amount",
        "carrier",
        "tracking_number",
        "shipped_at",
        "delivered_at",
    ]
    export_filename = "orders"
    form_fields = ["note"]
    index_view_class = OrderIndexView
    inspect_view_enabled = True
    inspect_view_class = OrderInspectView
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("action/<int:pk>/<slug:action>/", OrderActionView.as_view(), name="action"),
            path("packing-slip/<int:pk>/", PackingSlipView.as_view(), name="packing_slip"),
        ]
