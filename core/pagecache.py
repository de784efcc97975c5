"""Whole-page cache for anonymous visitors, and HTTP caching headers that a CDN can use.

A GET or HEAD without a session cookie is answered from the cache when an earlier anonymous
request for the same host, path, query and language stored its page. Only pages that are the same
for every anonymous visitor are stored: status 200, HTML or XML, no cookie set by the response, no
`Cache-Control: private/no-store`, no user logged in while it was built. Requests that carry a
session cookie (members, guests with a cart) are never served from it, and their responses are
marked `Cache-Control: private`, so no one sees another member's page.

Freshness: a stored page lives PAGE_CACHE_SECONDS at most. Content changes (a design, product,
comment or editorial page saved or deleted, a state change, moderation) call `invalidate()`, which
moves a generation number so that every stored page is dropped at once. Vote counts are not such
an event (they change many times a second): anonymous visitors see counts at most
PAGE_CACHE_SECONDS old; members always see live counts.

Views that must still do something when their page comes from the cache (counting a design's page
view) attach `on_hit(response, "dotted.path", *args)`; the call is stored with the page and made on
every hit.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
from collections.abc import Callable
from email.utils import formatdate
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.signals import request_finished, request_started
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.module_loading import import_string

from core import consent

logger = logging.getLogger(__name__)
T = TypeVar("T")

GENERATION_KEY = "pagecache:generation"
CACHEABLE_TYPES = ("text/html", "application/xml", "text/xml", "text/plain", "application/json")
HIT_HEADER = "X-Page-Cache"
# Never from the cache, whoever asks: admin, accounts, carts and orders, dashboards, files, health.
_EXCLUDED = re.compile(
    r"^/(?:[a-z]{2}/)?(?:admin|django-admin|accounts|account|shop/cart|shop/checkout|shop/orders|"
    r"notifications|dashboard|makers/settings|makers/payouts|feed|healthz|media|static|documents|i18n|"
    r"api|live|csrf-token)(?:/|$)"
)


# Within a request the generation is read once (fragments ask for it several times per page); outside
# requests (tasks, commands) it is read every time. This process's own invalidate() forgets it.
_seen = threading.local()


def _forget_generation(**_kwargs) -> None:
    _seen.value = None


def _request_started(**_kwargs) -> None:
    _seen.value, _seen.in_request = None, True


def _request_finished(**_kwargs) -> None:
    _seen.value, _seen.in_request = None, False


request_started.connect(_request_started, dispatch_uid="pagecache-request-started")
request_finished.connect(_request_finished, dispatch_uid="pagecache-request-finished")


def invalidate(**_kwargs) -> None:
    """Drop every cached page (a new generation); usable as a signal receiver."""
    _forget_generation()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet
        cache.set(GENERATION_KEY, secrets.randbelow(2**31) + 1, None)
    except Exception:  # noqa: BLE001 - the cache is away: pages expire on their own
        logger.warning("page cache: could not invalidate", exc_info=True)


def on_hit(response: HttpResponse, path: str, *args) -> None:
    """Have `path(*args)` called whenever this page is served from the cache."""
    response._page_cache_hooks = [*getattr(response, "_page_cache_hooks", []), (path, args)]


def generation() -> int:
    """The current generation of cached pages and fragments; a change drops them all."""
    value = getattr(_seen, "value", None)
    if value is not None:
        return value
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A random start: after Redis lost its data, no key of before (kept in a process's memory,
        # core/fragcache.py) comes back.
        cache.add(GENERATION_KEY, secrets.randbelow(2**31) + 1, None)
        value = cache.get(GENERATION_KEY) or 1
    if getattr(_seen, "in_request", False):
        _seen.value = int(value)
    return int(value)


def cached_fragment(name: str, compute: Callable[[], T], *, seconds: int | None = None) -> T:
    """A value the same for everyone, cached like the page fragments (dropped on content changes)."""
    seconds = settings.FRAGMENT_CACHE_SECONDS if seconds is None else seconds
    if not seconds:
        return compute()
    try:
        key = f"fragment:{generation()}:{name}"
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - cache away: compute
        return compute()
    if value is None:
        value = compute_and_store(key, compute, seconds, name=name)
    return value


def compute_and_store(key: str, compute: Callable[[], T], seconds: int, *, name: str) -> T:
    """`compute()`, stored under `key` for the next request; a cache that is away costs only the storing."""
    value = compute()
    try:
        cache.set(key, value, seconds)
    except Exception:  # noqa: BLE001
        logger.warning("fragment cache: could not store %s", name, exc_info=True)
    return value


class CachedCountPaginator(Paginator):
    """A paginator whose total (a COUNT over the whole filtered table) is cached like a fragment."""

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        try:
            sql, params = query.get_compiler(using=self.object_list.db).as_sql()
        except Exception:  # noqa: BLE001 - an empty IN list and the like: count directly
            return super().count
        digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()[:32]
        return cached_fragment(f"count:{digest}", lambda: Paginator.count.func(self))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    # -- which requests ------------------------------------------------------------------------------
    @staticmethod
    def _anonymous(request) -> bool:
        cookies = request.COOKIES
        if "Authorization" in request.headers:  # API tokens, basic auth: someone, not anyone
            return False
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    @staticmethod
    def _eligible(request) -> bool:
        if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return False
        return not _EXCLUDED.match(request.path_info)

    @staticmethod
    def _key(request, generation: int) -> str:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        # The consent banner shows while the visitor has not answered: one variant per answer, not per visitor.
        raw = f"{request.get_host()}|{request.get_full_path()}|{language}|{consent.state(request)}"
        return f"pagecache:{generation}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"

    # -- the middleware ------------------------------------------------------------------------------
    def __call__(self, request):
        eligible = self._eligible(request) and self._anonymous(request)
        key = None
        if eligible:
            try:
                key = self._key(request, generation())
                stored = cache.get(key)
            except Exception:  # noqa: BLE001 - cache away: build the page
                logger.warning("page cache unavailable", exc_info=True)
                stored = None
            if stored is not None:
                return self._serve(request, stored)
        response = self.get_response(request)
        if key is not None and self._storable(request, response):
            self._store(key, response)
        elif not self._anonymous(request) and not response.has_header("Cache-Control"):
            # Members' pages (and anything with a session) are theirs alone: never in a shared cache.
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            # The page holds a CSRF token (a form): the visitor's own, never to be handed to another.
            # (get_token() marks the request with CSRF_COOKIE_NEEDS_UPDATE; Django before 4.1 said _USED.)
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        if not response.get("Content-Type", "").startswith(CACHEABLE_TYPES):
            return False
        control = response.get("Cache-Control", "")
        if any(word in control for word in ("private", "no-store", "no-cache")):
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return vary <= {"cookie", "accept-language", "accept-encoding"}

    def _store(self, key: str, response) -> None:
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response["ETag"] = etag
        response["Last-Modified"] = formatdate(usegmt=True)
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS)
        patch_vary_headers(response, ("Cookie",))
        stored = {
            "status": response.status_code,
            "content": response.content,
            "headers": [(k, v) for k, v in response.items()],
            "hooks": getattr(response, "_page_cache_hooks", []),
        }
        try:
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("page cache: could not store", exc_info=True)
        response[HIT_HEADER] = "miss"

    @staticmethod
    def _serve(request, stored: dict) -> HttpResponse:
        for path, args in stored.get("hooks", []):
            try:
                import_string(path)(*args)
            except Exception:  # noqa: BLE001 - a failing side task must not cost the page
                logger.exception("page cache hook %s failed", path)
        headers = dict(stored["headers"])
        if request.headers.get("If-None-Match") == headers.get("ETag"):
            response = HttpResponseNotModified()
            for name in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
                if name in headers:
                    response[name] = headers[name]
        else:
            response = HttpResponse(stored["content"], status=stored["status"])
            for name, value in stored["headers"]:
                response[name] = value
        response[HIT_HEADER] = "hit"
        return response
