"""Pre-order campaigns: authorise now, capture at the deadline if the goal is reached, else cancel."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import pagecache
from designs.models import Design
from designs.services import is_editor
from notifications.services import notify
from shop import gateway
from shop.errors import ShopError
from shop.models import Campaign, CampaignStatus, Order, OrderStatus, Product
from shop.selectors.campaigns import campaign_units, running_campaign
from shop.services.orders import order_apply_intent_status, order_mark_canceled
from shop.services.products import product_create

# Card authorisations expire after 7 days, so a campaign that captures at its deadline runs at most 7 days.
# A fact of the card networks, not a setting.
CAMPAIGN_MAX_DAYS = 7


@transaction.atomic
def campaign_start(*, product: Product, actor: User, goal_units: int, ends_at: datetime) -> Campaign:
    """A pre-order drop; at most CAMPAIGN_MAX_DAYS long because card authorisations expire."""
    if not is_editor(actor):
        raise PermissionDenied(_("Only editors can start campaigns."))
    now = timezone.now()
    if goal_units < 1:
        raise ShopError({"goal_units": _("The goal must be at least one unit.")})
    if ends_at <= now:
        raise ShopError({"ends_at": _("The deadline must be in the future.")})
    if ends_at - now > timedelta(days=CAMPAIGN_MAX_DAYS):
        raise ShopError(
            {
                "ends_at": _("A campaign runs at most %(days)s days: card authorisations expire after that.")
                % {"days": CAMPAIGN_MAX_DAYS}
            }
        )
    product = Product.objects.select_for_update().get(pk=product.pk)
    if running_campaign(product=product):
        raise ShopError(_("This product already runs a campaign."))
    if not product.made_to_order:
        product.made_to_order = True
        product.save(update_fields=["made_to_order"])
    return Campaign.objects.create(product=product, goal_units=goal_units, starts_at=now, ends_at=ends_at)


@transaction.atomic
def product_launch(
    *, design: Design, actor: User, campaign_goal: int | None = None, campaign_days: int | None = None, **product
) -> Product:
    """A product from a design (shop.services.products.product_create) and, with a goal, its pre-order
    campaign started at once; both or neither. A product with a campaign is made to order."""
    made_to_order = bool(product.pop("made_to_order", False) or campaign_goal)
    created = product_create(design=design, actor=actor, made_to_order=made_to_order, **product)
    if campaign_goal:
        campaign_start(
            product=created,
            actor=actor,
            goal_units=campaign_goal,
            ends_at=timezone.now() + timedelta(days=campaign_days or CAMPAIGN_MAX_DAYS),
        )
    return created


def campaign_close(*, campaign: Campaign) -> str:
    """Goal reached: capture every authorisation. Missed: cancel them all; nobody is charged. Safe to rerun."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update(of=("self",)).select_related("product").get(pk=campaign.pk)
        if campaign.status != CampaignStatus.RUNNING:
            return campaign.status
        if not campaign.outcome:
            reached = campaign_units(campaign=campaign) >= campaign.goal_units
            campaign.outcome = CampaignStatus.SUCCEEDED if reached else CampaignStatus.FAILED
            campaign.save(update_fields=["outcome"])
    open_states = (OrderStatus.PENDING, OrderStatus.FAILED, OrderStatus.AUTHORIZED)
    for order in campaign.orders.filter(status__in=open_states).order_by("id"):
        _close_campaign_order(campaign, order)
    with transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.RUNNING).update(
            status=campaign.outcome, closed_at=timezone.now()
        )
        # An update sends no post_save: drop the cached pages and panels that show the campaign running.
        transaction.on_commit(pagecache.invalidate)
    return campaign.outcome


def _close_campaign_order(campaign: Campaign, order: Order) -> None:
    title = campaign.product.title
    if campaign.outcome == CampaignStatus.SUCCEEDED and order.status == OrderStatus.AUTHORIZED:
        intent = gateway.intent_capture(
            intent_id=order.payment_intent_id, idempotency_key=f"order-{order.number}-capture"
        )
        order_apply_intent_status(order_id=order.pk, status=intent.status)
        return
    if order.payment_intent_id:
        current = gateway.intent_retrieve(order.payment_intent_id)
        if current.status not in ("canceled", "succeeded"):
            gateway.intent_cancel(intent_id=order.payment_intent_id, idempotency_key=f"order-{order.number}-cancel")
    if campaign.outcome == CampaignStatus.SUCCEEDED:
        reason = _("The pre-order for “%(title)s” closed before your payment went through.") % {"title": title}
    else:
        reason = _("The pre-order campaign for “%(title)s” did not reach its goal. Your card was not charged.") % {
            "title": title
        }
    with transaction.atomic():
        was_authorized = order.status == OrderStatus.AUTHORIZED
        order = order_mark_canceled(order_id=order.pk, reason=reason)
        if was_authorized and order.status == OrderStatus.CANCELED and order.user_id:
            notify(
                recipient=order.user,
                kind="shop_campaign_failed",
                title=_("Pre-order canceled: %(title)s") % {"title": title},
                body=reason,
                url=order.get_absolute_url(),
            )


def campaigns_close_due(*, now: datetime | None = None) -> list[tuple[int, str]]:
    now = now or timezone.now()
    results = []
    for campaign in Campaign.objects.filter(status=CampaignStatus.RUNNING, ends_at__lte=now).order_by("ends_at"):
        results.append((campaign.pk, campaign_close(campaign=campaign)))
    return results
