"""Editor-tunable rules live in Wagtail site settings (BaseSiteSetting); this reads them outside a request.

A setting is read on many pages (delivery estimates, the footer), so the default site's row is kept in
the cache and dropped when any site setting or site is saved or deleted (core/apps.py connects that):
reading one costs no query once warm.
"""

from __future__ import annotations

import contextlib
from typing import TypeVar

from django.core.cache import cache
from wagtail.models import Site

T = TypeVar("T")

CACHE_PREFIX = "site-setting:"
# The cache is dropped on every change; this bounds how long another process's stale copy could live.
CACHE_SECONDS = 3600


def cache_key(model: type) -> str:
    return f"{CACHE_PREFIX}{model._meta.label_lower}"


def load(model: type[T]) -> T:
    """The setting of the default site; the model's defaults (unsaved) while no site exists.

    Kept in the cache until the setting (or a site) is saved; with the cache away it is read each time.
    """
    key = cache_key(model)
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - cache away: read it
        value = None
    if value is None:
        site = Site.objects.filter(is_default_site=True).first()
        value = model() if site is None else model.for_site(site)
        with contextlib.suppress(Exception):  # cache away: the next request reads it again
            cache.set(key, value, CACHE_SECONDS)
    return value


def forget(model: type | None = None) -> None:
    """Drop the cached copy of one setting, or of every site setting (a site changed)."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseSiteSetting

    models = [model] if model is not None else [m for m in apps.get_models() if issubclass(m, BaseSiteSetting)]
    with contextlib.suppress(Exception):  # cache away: the copies expire within the hour
        cache.delete_many([cache_key(m) for m in models])
