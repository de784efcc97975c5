"""The fallbacks themselves, in this process, against a port nothing listens on (no patched client)."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from config.celery import ping
from core import ratelimit
from tests.security import live

pytestmark = pytest.mark.security_category("faults")


@pytest.fixture
def dead_redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{live.closed_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    cache = caches["default"]
    yield cache
    cache.close()


def test_cache_answers_from_process_memory_while_redis_is_unreachable(dead_redis_cache):
    cache = dead_redis_cache
    assert cache.ping() is False
    assert cache.get("missing") is None
    assert cache.degraded
    assert cache.add("visit:1", 1, 60) is True
    assert cache.add("visit:1", 1, 60) is False  # the visit counter still writes once
    cache.set("k", "v", 60)
    assert cache.get("k") == "v"
    assert cache.incr("visit:1") == 2


def test_fail_open_limits_count_per_process_and_fail_closed_limits_refuse(dead_redis_cache):
    assert [ratelimit.hit(key="votes:7", limit=2, window_seconds=60, fail_open=True) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    with pytest.raises(ratelimit.RateLimited, match="try again in a few minutes"):
        ratelimit.hit(key="signup:x", limit=3, window_seconds=60, fail_open=False)
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.reached(key="signup:x", limit=3, fail_open=False)


def test_a_task_runs_inline_when_the_broker_does_not_answer(broker_down):
    result = ping.delay()
    assert result.get() == "pong"
    assert any("running task commonmade.ping inline" in message for message in broker_down), broker_down
