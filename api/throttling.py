"""One request budget per member (token or session) or, for visitors, per network address.

Counted with core.ratelimit (Redis in production). Fails open: with Redis down each process
still counts, and the services' own limits (votes, comments, flags) keep holding.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from core import ratelimit

WINDOW_SECONDS = 60


class ApiThrottle(BaseThrottle):
    def __init__(self) -> None:
        self._wait: float | None = None

    def _ident(self, request: HttpRequest) -> tuple[str, int]:
        user = getattr(request, "auth", None) or getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return f"u{user.pk}", settings.API_RATE_LIMIT_PER_MINUTE
        return f"ip{request.META.get('REMOTE_ADDR', '')}", settings.API_ANON_RATE_LIMIT_PER_MINUTE

    def allow_request(self, request: HttpRequest) -> bool:
        ident, limit = self._ident(request)
        now = time.time()
        bucket = int(now // WINDOW_SECONDS)
        allowed = ratelimit.hit(
            key=f"api:{ident}:{bucket}", limit=limit, window_seconds=WINDOW_SECONDS * 2, fail_open=True
        )
        self._wait = None if allowed else WINDOW_SECONDS - (now % WINDOW_SECONDS)
        return allowed

    def wait(self) -> float | None:
        return self._wait
