"""The Redis cache, made so that Redis going away degrades the site instead of stopping it.

When Redis does not answer, every cache call is served by a local-memory cache in this
process instead, and Redis is left alone for `RETRY_SECONDS` so that pages do not each wait
for a refused connection. Callers that must know (rate limits that fail closed, /healthz)
read `degraded` or call `ping()`. docs/operations.md lists what each caller does then.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 5.0
_METHODS = (
    "get",
    "set",
    "add",
    "delete",
    "touch",
    "incr",
    "decr",
    "has_key",
    "get_many",
    "set_many",
    "delete_many",
    "clear",
)


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"fallback-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def degraded(self) -> bool:
        """True while Redis is treated as unavailable and the local fallback answers."""
        return time.monotonic() < self._down_until

    def ping(self) -> bool:
        """Asks Redis itself, never the fallback: for health checks."""
        try:
            ok = bool(self.client.get_client().ping())
        except UNAVAILABLE:
            return False
        if ok:
            self._down_until = 0.0
        return ok

    def _mark_down(self, name: str, exc: BaseException) -> None:
        with self._lock:
            first = not self.degraded
            self._down_until = time.monotonic() + RETRY_SECONDS
        if first:
            logger.warning("Redis cache unavailable (%s: %s): local memory answers for now", name, exc)


def _wrap(name: str):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if not self.degraded:
            try:
                return redis_method(self, *args, **kwargs)
            except UNAVAILABLE as exc:
                self._mark_down(name, exc)
        return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = redis_method.__doc__
    return method


for _name in _METHODS:
    setattr(FallbackRedisCache, _name, _wrap(_name))


def raw_redis_client():
    """The raw Redis client behind the default cache, or None (local memory, or Redis away).

    For counters buffered in Redis hashes (HINCRBY) that a periodic task writes to the database.
    """
    from django.core.cache import cache

    if getattr(cache, "degraded", False) or not hasattr(cache, "client"):
        return None
    try:
        return cache.client.get_client(write=True)
    except Exception:  # noqa: BLE001 - a cache that cannot hand out a client: callers count directly
        return None
