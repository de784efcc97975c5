"""Fixed-window counters in the cache (Redis in production) for comments, flags and sign-ups."""

from __future__ import annotations

from django.core.cache import cache


class RateLimited(Exception):
    """Raised by a service when a member acts too often; views answer 429 with the message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def hit(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one action; False once the window already holds `limit` actions."""
    full_key = f"rl:{key}"
    cache.add(full_key, 0, window_seconds)
    try:
        count = cache.incr(full_key)
    except ValueError:  # expired between add and incr
        cache.add(full_key, 1, window_seconds)
        count = 1
    return count <= limit


def count(*, key: str) -> int:
    return int(cache.get(f"rl:{key}") or 0)


def bump(*, key: str, window_seconds: int) -> int:
    full_key = f"rl:{key}"
    cache.add(full_key, 0, window_seconds)
    try:
        return cache.incr(full_key)
    except ValueError:
        cache.add(full_key, 1, window_seconds)
        return 1
