"""Language: German and English stemming on PostgreSQL, folding on every backend."""

from __future__ import annotations

import pytest

from tests.search.helpers import find, make_design

pytestmark = pytest.mark.django_db


@pytest.fixture
def animals(django_capture_on_commit_callbacks, settings):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        make_design(title="Zwei Katzen im Garten", description="Schlafende Katzen.")
        make_design(title="Three cats", description="Cats sleeping on walls.")
        make_design(title="Grüße aus Köln", description="Ein Gruß.")
        make_design(title="Dog days")


def titles(query):
    return {h.title for h in find(query).hits}


@pytest.mark.postgres
def test_german_stemming_on_postgresql(animals, postgres_only):
    assert titles("Katze") == {"Zwei Katzen im Garten"}
    assert titles("Gärten") == {"Zwei Katzen im Garten"}


@pytest.mark.postgres
def test_english_stemming_on_postgresql(animals, postgres_only):
    assert titles("cat") == {"Three cats"}
    assert titles("sleeps wall") == {"Three cats"}


def test_accents_fold_on_every_backend(animals):
    assert titles("grusse koln") == {"Grüße aus Köln"}
    assert titles("GRÜSSE") == {"Grüße aus Köln"}
