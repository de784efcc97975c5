"""Request helpers: one way to follow a `next` address safely, one way to tell a fetch() call from a form post."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def wants_json(request: HttpRequest) -> bool:
    """True for the site's own fetch() calls, which ask for JSON; plain form posts get a redirect."""
    return "application/json" in request.headers.get("Accept", "")


def is_safe_url(request: HttpRequest, url: str | None) -> bool:
    """Only addresses on this host (relative paths included); never another site, never javascript:."""
    if not url or "\x00" in url:
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def safe_next_url(request: HttpRequest, *candidates: str | None, fallback: str = "/") -> str:
    """The first candidate that stays on this site, else `fallback`.

    Pass the places to look in order, e.g. ``request.POST.get("next"), request.headers.get("Referer")``.
    """
    for url in candidates:
        if is_safe_url(request, url):
            return url
    return fallback
