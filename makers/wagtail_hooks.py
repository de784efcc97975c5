"""The maker's entries on pages of lower apps (the account page), registered here as the layers ask."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from designs.models import Design


@hooks.register("account_links")
def maker_dashboard_link(request) -> tuple[str, str] | None:
    """Makers (anyone with a design, or marked as a maker) reach their dashboard from their account."""
    user = request.user
    profile = getattr(user, "profile", None)
    if getattr(profile, "is_maker", False) or Design.objects.filter(maker=user).exists():
        return reverse("makers:dashboard"), _("Maker dashboard")
    return None
