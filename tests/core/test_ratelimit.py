"""Rate-limit counters in Redis: one round trip per action, the window's expiry always set."""

import pytest
from django.core.cache import cache, caches

from core import ratelimit
from tests.conftest import redis_url


@pytest.fixture
def redis_cache(settings):
    if not redis_url():
        pytest.skip("needs Redis: run with REDIS_URL=redis://... (CI does)")
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "core.cache.FallbackRedisCache", "LOCATION": redis_url()},
    }
    from core.cache import raw_redis_client

    client = raw_redis_client()
    keys = [cache.make_key(f"rl:{name}") for name in ("test:count", "test:stale")]
    client.delete(*keys)
    yield client, keys
    client.delete(*keys)


def test_a_hit_is_one_pipeline_and_the_counter_expires_with_its_window(redis_cache, monkeypatch):
    client, (key, _stale) = redis_cache

    def two_round_trips(*args, **kwargs):
        raise AssertionError("counted through the cache API: two round trips and a script")

    monkeypatch.setattr(type(caches["default"]), "add", two_round_trips)
    monkeypatch.setattr(type(caches["default"]), "incr", two_round_trips)
    hits = [ratelimit.hit(key="test:count", limit=3, window_seconds=120, fail_open=True) for _ in range(4)]
    assert hits == [True, True, True, False]
    assert 0 < client.ttl(key) <= 120
    monkeypatch.undo()
    assert ratelimit.reached(key="test:count", limit=4, fail_open=True)  # the cache reads the same counter
    assert not ratelimit.reached(key="test:count", limit=5, fail_open=True)


def test_a_counter_left_without_expiry_gets_one_at_the_next_hit(redis_cache):
    client, (_key, stale) = redis_cache
    client.set(stale, 7)  # as if the expiry after the first INCR never ran
    assert ratelimit.bump(key="test:stale", window_seconds=60) == 8
    assert 0 < client.ttl(stale) <= 60
