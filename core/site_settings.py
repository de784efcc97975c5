"""Editor-tunable rules live in Wagtail site settings (BaseSiteSetting); this reads them outside a request."""

from __future__ import annotations

import contextlib
from typing import TypeVar

from wagtail.models import Site

T = TypeVar("T")


def load(model: type[T]) -> T:
    """The setting of the default site; the model's defaults (unsaved) while no site or row exists."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return model()
    return model.for_site(site)


def _cache_key(model: type) -> str:
    return f"site-settings:{model._meta.label_lower}"


def load_cached(model: type[T]) -> T:
    """`load` for pages that show a setting: kept in the cache until the setting (or a site) is saved.

    Services that act on a rule (royalties, payouts) read it with `load`, straight from the database.
    """
    from django.core.cache import cache

    key = _cache_key(model)
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - cache away: read it
        return load(model)
    if value is None:
        value = load(model)
        with contextlib.suppress(Exception):  # cache away: the next page reads it again
            cache.set(key, value, 3600)
    return value


def drop_cached(sender, **_kwargs) -> None:
    """post_save/post_delete receiver: a site setting or a site changed, forget the cached copies."""
    from django.core.cache import cache
    from wagtail.contrib.settings.models import BaseSiteSetting

    if sender is Site:
        labels = _settings_models()
    elif isinstance(sender, type) and issubclass(sender, BaseSiteSetting):
        labels = [sender]
    else:
        return
    with contextlib.suppress(Exception):  # cache away: the copies expire within the hour
        cache.delete_many([_cache_key(m) for m in labels])


def _settings_models() -> list[type]:
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseSiteSetting

    return [m for m in apps.get_models() if issubclass(m, BaseSiteSetting)]


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    post_save.connect(drop_cached, dispatch_uid="core_site_settings_save")
    post_delete.connect(drop_cached, dispatch_uid="core_site_settings_delete")
