"""Editor-tunable rules are Wagtail site settings: tests change them the way an editor does, by saving the row."""

from __future__ import annotations

from typing import TypeVar

from wagtail.models import Site

T = TypeVar("T")


def set_site_setting(model: type[T], **values) -> T:
    """Save these values on the default site's setting (the cached copy is dropped on save)."""
    setting = model.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(setting, name, value)
    setting.full_clean()
    setting.save()
    return setting
