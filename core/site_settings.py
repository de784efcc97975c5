"""Editor-tunable rules live in Wagtail site settings (BaseSiteSetting); this reads them outside a request."""

from __future__ import annotations

from typing import TypeVar

from wagtail.models import Site

T = TypeVar("T")


def load(model: type[T]) -> T:
    """The setting of the default site; the model's defaults (unsaved) while no site or row exists."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return model()
    return model.for_site(site)
