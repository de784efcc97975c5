"""The moderation queue in the Wagtail admin: keep, remove (with a public reason), warn, suspend."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from community.admin_moderation import MODERATION_POLICY, ModerationViewSet
from community.models import ModerationCase

register_permission_policy(ModerationCase, MODERATION_POLICY, exact_class=True)


class CommunityGroup(ViewSetGroup):
    """One "Community" entry of the admin menu, holding the moderation queue (community/admin_moderation.py)."""

    items = (ModerationViewSet,)
    menu_icon = "group"
    menu_label = gettext_lazy("Community")
    menu_name = "community"
    menu_order = 250


@hooks.register("register_admin_viewset")
def register_community_group():
    return CommunityGroup()


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    from core import audit

    audit.register(
        actions,
        "commonmade.moderation",
        gettext_lazy("Moderate"),
        gettext_lazy("Moderation: %(action)s “%(subject)s” %(member)s %(reason)s"),
    )
