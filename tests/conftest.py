import os

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a per-test folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and cached renditions must not leak from one test into the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /de/ leaves German active in the test thread: each test starts in the default language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def postgres_only():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


def redis_url() -> str | None:
    return os.environ.get("REDIS_URL")


@pytest.fixture(scope="session")
def _migrated_data(django_db_setup, django_db_blocker):
    """The data the migrations create (categories, groups, home page, locales), captured once."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _restore_migrated_data(request):
    """Transactional tests empty every table when they end; put the migrated data back first.

    Django's serialized rollback does this too, but it silently skips the restore when the
    connection object was replaced, which happens once live-server tests have run.
    """
    if not _is_transactional(request):
        return
    request.getfixturevalue("_django_db_helper")
    data = request.getfixturevalue("_migrated_data")
    from django.core.management import call_command
    from django.db import connection

    from designs.models import Category

    if not Category.objects.exists():
        # The flush that emptied the tables may have re-created content types: start clean.
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(data)
    # Lets Django's own teardown flush skip post_migrate and its own setup restore next time.
    connection._test_serialized_contents = data


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data (serialized rollback).

    A transactional test without it ends with a flush that re-creates content types with new
    ids; the next test that restores the migrated data then collides with them. With it, the
    flush leaves the tables empty and every transactional test starts from the same data.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))
        if marker:
            transactional = transactional or marker.kwargs.get("transaction") or (marker.args and marker.args[0])
        if not transactional:
            continue
        kwargs = dict(marker.kwargs) if marker else {}
        if kwargs.get("serialized_rollback"):
            continue
        kwargs.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)
