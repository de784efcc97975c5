"""The browser setup keeps the data that migrations create across transactional browser tests."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from designs.models import Category

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.django_db
def test_a_plain_database_test_runs_before_the_browser_starts():
    # pytest-django runs this one before every transactional test, as in the whole suite:
    # the test database is then set up before Playwright's event loop runs.
    assert Category.objects.filter(slug="poster").exists()


@pytest.mark.parametrize("run", ["first", "after a flush"])
def test_migration_data_is_restored_while_the_browser_runs(browser, run):
    # Playwright's event loop makes Django keep this thread's connections apart from the ones
    # the test database was set up with; serialized rollback must still restore this data.
    assert Category.objects.filter(slug="poster").exists()
    assert Group.objects.filter(name="Editors").exists()
