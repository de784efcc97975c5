"""A maker's designs in the data download; withdrawn when the account is deleted (core.privacy)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core import privacy
from designs.models import Design
from designs.services import WITHDRAWABLE, design_withdraw


def export_designs(user) -> list[dict]:
    return [
        {
            "title": d.title,
            "slug": d.slug,
            "state": d.state,
            "description": d.description,
            "category": d.category.slug,
            "tags": [t.name for t in d.tags.all()],
            "created": d.created_at,
            "images": [i.image.file.name for i in d.images.all()],
        }
        for d in Design.objects.filter(maker=user)
        .select_related("category")
        .prefetch_related("tags", "images__image")
        .order_by("created_at", "pk")
    ]


def erase_designs(user) -> None:
    """Every design that can be withdrawn is; designs already made into products stay with their orders."""
    for design in Design.objects.filter(maker=user, state__in=WITHDRAWABLE):
        design_withdraw(design=design, actor=user, reason=_("The maker deleted their account."))


def register() -> None:
    privacy.register("designs", exporter=export_designs, eraser=erase_designs)
