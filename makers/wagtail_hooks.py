"""The royalty ledger and payouts in the Wagtail admin: read-only, grouped under "Royalties".

Entries and payouts change only through makers.services (paid orders, refunds, monthly payouts),
so the admin lists and inspects them and never edits them.

The maker dashboard's link on the account page (a lower app's page) is registered here too.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.admin import BrowseOnlyPermissionPolicy
from designs.models import Design
from makers.models import Payout, RoyaltyEntry

register_permission_policy(Payout, BrowseOnlyPermissionPolicy(Payout), exact_class=True)
register_permission_policy(RoyaltyEntry, BrowseOnlyPermissionPolicy(RoyaltyEntry), exact_class=True)


class PayoutViewSet(ModelViewSet):
    model = Payout
    icon = "euro"
    menu_label = _("Payouts")
    url_prefix = "payouts"
    list_display = ["maker", "period", "amount", "status", "paid_at"]
    list_filter = ["status", "period"]
    search_fields = ["maker__handle", "period", "stripe_transfer_id"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never offered: the permission policy refuses add, change and delete

    def get_queryset(self, request):
        return Payout.objects.select_related("maker")


class RoyaltyEntryViewSet(ModelViewSet):
    model = RoyaltyEntry
    icon = "list-ul"
    menu_label = _("Royalty ledger")
    url_prefix = "royalty-ledger"
    list_display = ["created_at", "maker", "kind", "amount", "description"]
    list_filter = ["kind"]
    search_fields = ["maker__handle", "description", "reference"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["description"]  # never offered: the permission policy refuses add, change and delete

    def get_queryset(self, request):
        return RoyaltyEntry.objects.select_related("maker")


class RoyaltiesGroup(ViewSetGroup):
    menu_label = _("Royalties")
    menu_icon = "euro"
    menu_order = 420
    items = (PayoutViewSet("payouts"), RoyaltyEntryViewSet("royalty_ledger"))


@hooks.register("register_admin_viewset")
def register_royalties():
    return RoyaltiesGroup()


@hooks.register("account_links")
def maker_dashboard_link(request) -> tuple[str, str] | None:
    """Makers (anyone with a design, or marked as a maker) reach their dashboard from their account."""
    user = request.user
    profile = getattr(user, "profile", None)
    if getattr(profile, "is_maker", False) or Design.objects.filter(maker=user).exists():
        return reverse("makers:dashboard"), gettext("Maker dashboard")
    return None
