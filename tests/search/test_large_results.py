"""PostgreSQL: a word matching many entries is counted from the sample and its page read along an index."""

from __future__ import annotations

import pytest
from django.db import connection

from search import rules as search_rules
from search.models import SAMPLE_EVERY, SearchEntry
from tests.search.helpers import find, make_design, make_maker

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the sample and its index are PostgreSQL's"),
]


@pytest.fixture
def lanterns(django_capture_on_commit_callbacks, settings):
    settings.ELASTICSEARCH_URL = ""
    maker = make_maker(display_name="Lena Light")
    with django_capture_on_commit_callbacks(execute=True):
        designs = [
            make_design(title=f"Lantern print {n}", maker=maker, tags=("light",) if n % 2 else (), days_ago=n)
            for n in range(3 * SAMPLE_EVERY)
        ]
    return designs


def test_sample_is_one_entry_in_eight(lanterns):
    sampled = SearchEntry.objects.filter(kind="design", in_sample=True).values_list("object_id", flat=True)
    assert sampled and all(pk % SAMPLE_EVERY == 0 for pk in sampled)
    assert len(sampled) == sum(1 for d in lanterns if d.pk % SAMPLE_EVERY == 0)


def test_below_the_limit_counts_are_exact(lanterns):
    result = find("lantern")
    assert result.total_exact
    assert result.total == len(lanterns)


def test_past_the_limit_totals_and_facets_are_estimated_from_the_sample(lanterns, settings, monkeypatch):
    settings.SEARCH_EXACT_LIMIT = 1
    monkeypatch.setattr(search_rules, "PAGE_SIZE", 5)
    sampled = sum(1 for d in lanterns if d.pk % SAMPLE_EVERY == 0)
    result = find("lantern")
    assert not result.total_exact
    assert result.total == sampled * SAMPLE_EVERY
    assert sum(v.count for v in result.facet("kind").values) == result.total
    # The page is still read from every match, not only the sample.
    assert len(result.hits) == 5 and all(h.title.startswith("Lantern print") for h in result.hits)
    newest = find("lantern", sort="newest")
    assert [h.title for h in newest.hits] == [f"Lantern print {n}" for n in range(5)]


def test_past_the_limit_every_page_shows_each_match_once(lanterns, settings, monkeypatch):
    settings.SEARCH_EXACT_LIMIT = 1
    monkeypatch.setattr(search_rules, "PAGE_SIZE", 5)
    settings.SEARCH_LARGE_RANK_WINDOW = 10  # pages past the ranked window follow the boost
    seen = [h.title for page in range(1, 6) for h in find("lantern", page=page).hits]
    assert sorted(seen) == sorted(d.title for d in lanterns)


@pytest.mark.parametrize("window", [1, 10_000])
def test_past_the_limit_both_ways_of_reading_the_page_agree(lanterns, settings, window, monkeypatch):
    """A small window walks the ordered index; a large one (for the entries counted) reads the matches."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")  # the number of entries the choice compares with
    settings.SEARCH_EXACT_LIMIT = 1
    monkeypatch.setattr(search_rules, "PAGE_SIZE", 5)
    settings.SEARCH_LARGE_RANK_WINDOW = window
    newest = find("lantern", sort="newest")
    assert not newest.total_exact
    assert [h.title for h in newest.hits] == [f"Lantern print {n}" for n in range(5)]
    seen = [h.title for page in range(1, 6) for h in find("lantern", page=page).hits]
    assert sorted(seen) == sorted(d.title for d in lanterns)
