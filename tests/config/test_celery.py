"""A task travels through a real Redis broker to a real worker and back."""

import os

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from config.celery import app, ping

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _forget_connections() -> None:
    """Earlier tests may have run tasks inline, which caches the in-memory broker pool and result backend."""
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.redis
@pytest.mark.skipif(not redis_answers(), reason=f"no Redis answers at {REDIS_URL}; start redis-server to run this test")
def test_task_round_trip_through_real_redis_broker_and_worker():
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL, task_always_eager=False)
    _forget_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = ping.delay()
            assert result.get(timeout=20) == "pong"
            assert result.successful()
    finally:
        app.conf.update(saved)
        _forget_connections()


def test_without_redis_url_tasks_run_inline(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert ping.delay().get() == "pong"
