"""Indexing: after commit, in bulk through Celery, pluggable sources, the rebuild command, migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from celery.signals import task_prerun
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models.signals import post_save

from designs.models import Category
from search.demo import seed_search
from search.models import SearchEntry, SearchTerm
from search.sources import IndexEntry, SearchSource, register, unregister
from tests.search.helpers import find, make_design, make_maker

pytestmark = pytest.mark.django_db


@pytest.fixture
def task_calls():
    calls = []

    def record(sender=None, task=None, args=None, **kwargs):
        if task.name == "search.index_objects":
            calls.append(tuple(args))

    task_prerun.connect(record, weak=False)
    yield calls
    task_prerun.disconnect(record)


def test_one_bulk_task_per_kind_and_transaction(django_capture_on_commit_callbacks, task_calls):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        maker = make_maker()
        designs = [make_design(title=f"Bulk {n}", maker=maker) for n in range(5)]
    design_calls = [ids for kind, ids in task_calls if kind == "design"]
    assert design_calls == [sorted(d.pk for d in designs)]
    assert [ids for kind, ids in task_calls if kind == "maker"] == [[maker.pk]]
    assert SearchEntry.objects.filter(kind="design").count() == 5


@pytest.mark.urls("tests.search.urls_designs")
def test_state_change_through_the_service_removes_the_design(django_capture_on_commit_callbacks):
    from designs.services import design_withdraw

    with django_capture_on_commit_callbacks(execute=True):
        design = make_design(title="Lonely lighthouse")
    assert find("lighthouse").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        design_withdraw(design=design, actor=design.maker, reason="changed my mind")
    assert find("lighthouse").total == 0
    assert not SearchEntry.objects.filter(kind="design", object_id=design.pk).exists()


def test_design_state_changed_signal_reindexes(django_capture_on_commit_callbacks):
    from designs.models import Design
    from designs.signals import design_state_changed

    with django_capture_on_commit_callbacks(execute=True):
        design = make_design(title="Quiet harbour")
    Design.objects.filter(pk=design.pk).update(state="withdrawn")  # no post_save: only the signal tells search
    with django_capture_on_commit_callbacks(execute=True):
        transaction.on_commit(
            lambda: design_state_changed.send(sender=Design, design=design, from_state="approved", to_state="withdrawn")
        )
    assert find("harbour").total == 0


def test_members_who_are_not_makers_are_not_indexed(django_capture_on_commit_callbacks):
    from tests.factories.accounts import UserFactory

    with django_capture_on_commit_callbacks(execute=True):
        UserFactory(handle="quiet-member", display_name="Quentin Quiet")
    assert find("quentin").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        make_maker(handle="loud-maker", display_name="Quentin Loud")
    assert [h.title for h in find("quentin").hits] == ["Quentin Loud"]


class CategorySource(SearchSource):
    """A stand-in for the product and story sources that register after the merge."""

    kind = "collection"
    label = "Collections"
    model = Category

    def queryset(self):
        return Category.objects.order_by("pk")

    def serialize(self, category):
        return IndexEntry(
            kind=self.kind, object_id=category.pk, title=f"{category.name} collection", url=f"/c/{category.slug}/"
        )

    def connect(self, schedule):
        post_save.connect(
            lambda sender, instance, **kw: schedule(self.kind, instance.pk),
            sender=Category,
            weak=False,
            dispatch_uid="test-collection",
        )


@pytest.fixture
def collection_source():
    source = register(CategorySource())
    source.connect(__import__("search.indexing", fromlist=["schedule"]).schedule)
    yield source
    post_save.disconnect(sender=Category, dispatch_uid="test-collection")
    unregister("collection")


def test_a_registered_source_is_indexed_searched_and_faceted(collection_source, django_capture_on_commit_callbacks):
    seed_search()
    result = find("mug collection")
    assert [h.title for h in result.hits] == ["Mug collection"]
    assert result.hits[0].kind == "collection"
    assert {v.value for v in result.facet("kind").values} == {"collection"}
    with django_capture_on_commit_callbacks(execute=True):
        Category.objects.create(name="Blanket", slug="blanket")
    assert find("blanket").total == 1


def test_registering_a_kind_twice_is_refused():
    from search.sources.designs import DesignSource

    with pytest.raises(ValueError, match="already registered"):
        register(DesignSource())


def test_rebuild_command_fills_the_database_index_with_a_progress_bar(capsys):
    maker = make_maker(display_name="Rita Rebuild")
    for n in range(3):
        make_design(title=f"Rebuilt tiger {n}", maker=maker)
    make_design(title="Hidden tiger", maker=maker, state="draft")
    assert SearchEntry.objects.count() == 0  # nothing committed in this test, so nothing indexed yet
    call_command("search_index", "--rebuild")
    err = capsys.readouterr().err
    assert "Database index" in err and "100%" in err
    assert SearchEntry.objects.filter(kind="design").count() == 3
    assert SearchEntry.objects.filter(kind="maker").count() == 1
    assert SearchTerm.objects.filter(term="tiger").exists()
    assert find("tigre").total == 3  # typo, after a rebuild too


def test_rebuild_command_needs_rebuild_and_elasticsearch_url(settings):
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("search_index")
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        call_command("search_index", "--rebuild", "--backend", "elasticsearch")


def test_seed_search_is_idempotent():
    make_design(title="Demo dragon")
    assert seed_search() == seed_search() == 2  # the design and its maker
    assert SearchEntry.objects.count() == 2


def test_seed_demo_has_the_search_step():
    from editorial.management.commands import seed_demo

    assert "seed_search" in Path(seed_demo.__file__).read_text()


def _indexes(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, table))


def test_database_specific_schema():
    tables = connection.introspection.table_names()
    if connection.vendor == "sqlite":
        assert "search_fts" in tables
        assert "search_entry_vector_gin" not in _indexes("search_searchentry")
    else:
        assert "search_fts" not in tables
        assert {"search_entry_vector_gin", "search_entry_title_gin"} <= _indexes("search_searchentry")
        assert "search_term_trgm" in _indexes("search_searchterm")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            assert cursor.fetchone()
