"""{% stream_embed url %}: the drop's stream through Wagtail's embeds, or a plain link when it cannot be embedded."""

from __future__ import annotations

import logging

from django import template
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
register = template.Library()

# A provider that did not answer is not asked again for a while: a page never waits on it twice.
FAILED_TTL_SECONDS = 600


@register.simple_tag
def stream_embed(url: str) -> SafeString:
    from wagtail.embeds import embeds
    from wagtail.embeds.exceptions import EmbedException

    link = format_html(
        '<p class="live-show__stream-link"><a href="{}" rel="noopener">{}</a></p>', url, _("Watch the stream")
    )
    key = f"live-embed-failed:{url}"
    if cache.get(key):
        return link
    try:
        embed = embeds.get_embed(url, max_width=960)
    except EmbedException as exc:
        logger.info("stream %s cannot be embedded: %s", url, exc)
        cache.set(key, 1, FAILED_TTL_SECONDS)
        return link
    except Exception as exc:  # noqa: BLE001 (a provider that breaks never breaks the page)
        logger.warning("stream %s: embed provider failed: %s", url, exc)
        cache.set(key, 1, FAILED_TTL_SECONDS)
        return link
    # Wagtail's embed HTML comes from the allow-listed provider (YouTube, Twitch, Vimeo finders).
    return mark_safe(f'<div class="story-video live-show__video">{embed.html}</div>{link}')  # noqa: S308
