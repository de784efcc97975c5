"""The database index at catalogue scale: tag filters through the tag array, counts kept per query,
suggestions from the best-known entries first, the rebuild reading ahead in a second thread."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import indexing
from search.backends import database
from search.models import SearchEntry, SearchEntryTag
from search.sources import IndexEntry
from tests.search.helpers import find, make_design, make_maker, suggest_for

postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes and connections")


@pytest.fixture
def cats(django_capture_on_commit_callbacks, settings):
    settings.ELASTICSEARCH_URL = ""
    maker = make_maker(display_name="Cora Potter")
    with django_capture_on_commit_callbacks(execute=True):
        designs = {
            "sleepy_cat": make_design(title="Sleepy cat poster", maker=maker, tags=("cats", "nature")),
            "sleepy_cactus": make_design(title="Sleepy cactus mug", maker=maker, tags=("nature",)),
            "sleepy_dog": make_design(title="Sleepy dog poster", maker=maker, tags=("dogs",)),
            "happy_cat": make_design(title="Happy cat tee", maker=maker, tags=("cats",)),
            "cat_wave": make_design(title="Cat wave print", maker=maker, tags=("cats", "nature", "sea")),
        }
    return designs


def titles(result):
    return {hit.title for hit in result.hits}


# --- tags ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_tag_is_stored_alike_in_the_tag_rows_and_the_tag_text():
    entry = IndexEntry(
        kind="design", object_id=991, title="Odd tags", url="/designs/odd/", tags=["a|b", "x" * 120, "plain"]
    )
    indexing.write_entries([entry])
    row = SearchEntry.objects.get(kind="design", object_id=991)
    assert sorted(row.tag_text.split("|")) == sorted(
        SearchEntryTag.objects.filter(entry=row).values_list("tag", flat=True)
    )


@pytest.mark.django_db
def test_every_chosen_tag_must_be_present(cats):
    assert titles(find("cat", filters={"tags": ["nature"]})) == {"Sleepy cat poster", "Cat wave print"}
    assert titles(find("cat", filters={"tags": ["nature", "sea"]})) == {"Cat wave print"}
    assert titles(find("sleepy", filters={"tags": ["dogs"]})) == {"Sleepy dog poster"}
    assert not find("sleepy", filters={"tags": ["sea"]}).total


@postgres
@pytest.mark.django_db
def test_a_tag_filter_is_answered_by_the_tag_array_index(cats):
    """The filter is the indexed expression, so PostgreSQL intersects its bitmap with the word's (no join)."""
    filtered = database.apply_filters(SearchEntry.objects.all(), {"tags": ["nature", "sea"]})
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = filtered.explain()
    assert "search_entry_tags_gin" in plan
    assert "search_searchentrytag" not in plan


# --- counts kept per query ------------------------------------------------------------------


@pytest.mark.django_db
def test_another_page_or_sort_of_a_query_reuses_its_counts(cats):
    """The facet counts (PostgreSQL) and the spelling check of "sleepy" (both) are not asked again."""
    with CaptureQueriesContext(connection) as first:
        find("sleepy")
    with CaptureQueriesContext(connection) as again:
        newest = find("sleepy", sort="newest")
    assert len(again) < len(first)
    assert newest.total == 3
    assert titles(newest) == {"Sleepy cat poster", "Sleepy cactus mug", "Sleepy dog poster"}
    assert {v.value: v.count for v in newest.facet("tags").values} == {"cats": 1, "nature": 2, "dogs": 1}


@pytest.mark.django_db
def test_an_index_change_drops_the_kept_counts(cats, django_capture_on_commit_callbacks):
    assert find("cat").total == 3
    with django_capture_on_commit_callbacks(execute=True):
        make_design(title="Another cat mug", tags=("cats",))
    result = find("cat")
    assert result.total == 4
    assert {v.value: v.count for v in result.facet("tags").values}["cats"] == 4
    with django_capture_on_commit_callbacks(execute=True):
        cats["happy_cat"].delete()
    assert find("cat").total == 3


@pytest.mark.django_db
def test_counts_are_not_kept_when_switched_off(cats, settings):
    settings.SEARCH_COUNTS_CACHE_SECONDS = 0
    find("sleepy")  # what other caches keep (the categories) is kept from here on
    with CaptureQueriesContext(connection) as first:
        find("sleepy")
    with CaptureQueriesContext(connection) as again:
        find("sleepy")
    assert len(again) == len(first)


# --- suggestions ------------------------------------------------------------------------------


@postgres
@pytest.mark.django_db
@pytest.mark.parametrize("walk", [1, 2, 10_000])
def test_suggestions_agree_however_many_best_known_entries_are_read_first(cats, monkeypatch, walk):
    """Read first along the boost: enough matches there are the answer; otherwise the matches are looked up."""
    monkeypatch.setattr(database, "SUGGEST_WALK", walk)
    assert {s.title for s in suggest_for("sleepy c")} == {"Sleepy cat poster", "Sleepy cactus mug"}
    assert {s.title for s in suggest_for("sleepy ca")} == {"Sleepy cat poster", "Sleepy cactus mug"}
    assert {s.title for s in suggest_for("ca")} == {
        "Sleepy cat poster",
        "Sleepy cactus mug",
        "Happy cat tee",
        "Cat wave print",
    }
    assert [s.title for s in suggest_for("dog")] == ["Sleepy dog poster"]
    assert suggest_for("sleepy zz") == []


@postgres
@pytest.mark.django_db
def test_suggestions_keep_the_order_of_the_boost(cats, monkeypatch):
    monkeypatch.setattr(database, "SUGGEST_WALK", 2)
    SearchEntry.objects.filter(title="Sleepy cactus mug").update(boost=50)
    SearchEntry.objects.filter(title="Happy cat tee").update(boost=40)
    assert [s.title for s in suggest_for("ca")][:2] == ["Sleepy cactus mug", "Happy cat tee"]
    assert [s.title for s in suggest_for("sleepy c")][0] == "Sleepy cactus mug"


# --- rebuild ------------------------------------------------------------------------------------


def _index_rows():
    return sorted(
        SearchEntry.objects.values_list("kind", "object_id", "title", "tag_text", "boost", "in_sample")
    ), sorted(SearchEntryTag.objects.values_list("entry__kind", "entry__object_id", "tag"))


@postgres
@pytest.mark.django_db(transaction=True)
def test_rebuild_reads_the_catalogue_in_a_second_thread_and_writes_the_same_index(monkeypatch, settings):
    settings.ELASTICSEARCH_URL = ""
    maker = make_maker(display_name="Rita Stone")
    for n in range(7):
        make_design(title=f"Reader print {n}", maker=maker, tags=("paper",) if n % 2 else ())
    before = _index_rows()
    readers = []
    original = indexing._with_documents

    def spy():
        readers.append(threading.current_thread().name)
        yield from original()

    monkeypatch.setattr(indexing, "_with_documents", spy)
    monkeypatch.setattr(indexing, "CHUNK", 3)  # several batches in flight
    assert indexing.rebuild_database() == len(before[0])
    assert _index_rows() == before
    assert readers == ["search-rebuild-reader"]
    assert find("reader").total == 7


@postgres
@pytest.mark.django_db(transaction=True)
def test_a_failing_read_ahead_leaves_the_old_index(monkeypatch, settings):
    settings.ELASTICSEARCH_URL = ""
    make_design(title="Kept print")
    before = _index_rows()

    def broken():
        raise RuntimeError("the catalogue could not be read")
        yield

    monkeypatch.setattr(indexing, "_with_documents", broken)
    with pytest.raises(RuntimeError, match="could not be read"):
        indexing.rebuild_database()
    assert _index_rows() == before
    assert not [t for t in threading.enumerate() if t.name == "search-rebuild-reader"]
