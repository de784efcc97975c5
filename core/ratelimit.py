"""Fixed-window counters in the cache (Redis in production): the one rate-limit helper.

Every limit says what happens while Redis does not answer (core/cache.py then counts in
each process's memory): `fail_open=True` keeps counting per process, so the limit still
holds per worker but is looser overall; `fail_open=False` refuses with a "try again in a few
minutes" message. docs/operations.md lists each limit's choice and the reason.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class RateLimited(Exception):
    """Raised by a service when a member acts too often; views answer 429 with the message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _unavailable(key: str, *, fail_open: bool) -> bool:
    """True when the counters cannot be trusted and this limit fails closed."""
    if not getattr(cache, "degraded", False):
        return False
    logger.warning("rate limit %s: shared counters unavailable, failing %s", key, "open" if fail_open else "closed")
    return not fail_open


def _refuse_unavailable() -> RateLimited:
    return RateLimited(_("This cannot be checked right now. Please try again in a few minutes."))


def _incr_redis(full_key: str, window_seconds: int) -> int | None:
    """INCR and TTL in one round trip (a pipeline), the expiry set only when the key has none yet.

    The cache API needs two (an add, then an incr that runs a script). None when Redis is not the
    cache or does not answer: the caller counts through the cache (which falls back to memory).
    """
    from core.cache import raw_redis_client

    client = raw_redis_client()
    if client is None:
        return None
    key = cache.make_key(full_key)  # the cache's own key: `reached` reads it with cache.get
    try:
        pipe = client.pipeline(transaction=False)
        pipe.incr(key)
        pipe.ttl(key)
        count, ttl = pipe.execute()
        if ttl < 0:  # made by this INCR (or left without expiry): the window starts now
            client.expire(key, window_seconds)
    except Exception:  # noqa: BLE001 - Redis went away mid-call: the cache path below notices and falls back
        return None
    return int(count)


def _incr(full_key: str, window_seconds: int) -> int:
    counted = _incr_redis(full_key, window_seconds)
    if counted is not None:
        return counted
    cache.add(full_key, 0, window_seconds)
    try:
        return cache.incr(full_key)
    except ValueError:  # expired between add and incr
        cache.add(full_key, 1, window_seconds)
        return 1


def hit(*, key: str, limit: int, window_seconds: int, fail_open: bool) -> bool:
    """Count one action; False once the window already holds `limit` actions.

    Raises RateLimited (fail_open=False only) while the shared counters are unavailable.
    """
    count = _incr(f"rl:{key}", window_seconds)
    if _unavailable(key, fail_open=fail_open):
        raise _refuse_unavailable()
    return count <= limit


def reached(*, key: str, limit: int, fail_open: bool) -> bool:
    """True when `limit` actions were already counted; raises RateLimited as `hit` does."""
    value = int(cache.get(f"rl:{key}") or 0)
    if _unavailable(key, fail_open=fail_open):
        raise _refuse_unavailable()
    return value >= limit


def bump(*, key: str, window_seconds: int) -> int:
    return _incr(f"rl:{key}", window_seconds)
