"""Cached template fragments that are dropped together with the page cache (core/pagecache.py).

    {% load cache fragments %}{% fragment_cache_key as fc %}
    {% cache fc.seconds "home-body" fc.generation page.pk LANGUAGE_CODE %} ... {% endcache %}

Only for fragments that look the same to everyone (no member's data inside).
"""

from __future__ import annotations

from django import template
from django.conf import settings

from core.pagecache import generation

register = template.Library()


@register.simple_tag
def fragment_cache_key() -> dict:
    seconds = settings.FRAGMENT_CACHE_SECONDS
    return {"seconds": seconds, "generation": generation() if seconds else 0}
