import pytest


@pytest.fixture(autouse=True)
def _voting_urls(settings):
    settings.ROOT_URLCONF = "tests.voting.urls"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _forget_celery_connections():
    """Eager tasks leave the in-memory result backend and broker pool cached on the Celery app.

    Drop them after each test, so that a later test pointing Celery at Redis talks to Redis.
    """
    yield
    from config.celery import app

    app._local.__dict__.pop("backend", None)
    app._pool = None
    app.amqp._producer_pool = None
