"""The search contract: every backend answers these the same way (database always, Elasticsearch when set)."""

from __future__ import annotations

import pytest
from django.db import transaction

from search import rules as search_rules
from tests.search.helpers import find, suggest_for

pytestmark = pytest.mark.django_db


def titles(result):
    return {hit.title for hit in result.hits}


TEES = {"Cat T-Shirt", "Wave Tshirt", "Mountain t shirts"}


@pytest.mark.parametrize("query", ["T-Shirt", "Tshirt", "t shirts", "t-shirts", "TSHIRT"])
def test_t_shirt_spellings_meet(catalog, query):
    result = find(query)
    assert titles(result) >= TEES
    assert "Cat poster" not in titles(result)


def test_typo_finds_the_t_shirts(catalog):
    result = find("tshrit")
    assert titles(result) >= TEES


def test_typo_offers_did_you_mean(catalog, backend):
    result = find("mountian")
    assert "Mountain t shirts" in titles(result)
    if backend == "database":
        assert result.suggestion == "mountain"


def test_only_public_designs_are_found(catalog):
    found = titles(find("t-shirt"))
    assert not found & {"Secret T-Shirt draft", "Withdrawn T-Shirt", "Removed T-Shirt"}


def test_withdrawn_and_removed_designs_leave_the_index(catalog, backend, django_capture_on_commit_callbacks):
    cat_tee = catalog["designs"]["cat_tee"]
    wave_tee = catalog["designs"]["wave_tee"]
    with django_capture_on_commit_callbacks(execute=True):
        cat_tee.state = "withdrawn"
        cat_tee.save()
        wave_tee.moderation_removed = True
        wave_tee.save()
    if backend != "database":
        from search import elastic

        elastic.client().indices.refresh(index=elastic.alias_name())
    found = titles(find("tshirt"))
    assert "Cat T-Shirt" not in found
    assert "Wave Tshirt" not in found
    assert "Mountain t shirts" in found


def test_deleted_design_leaves_the_index(catalog, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        catalog["designs"]["mug"].delete()
    if backend != "database":
        from search import elastic

        elastic.client().indices.refresh(index=elastic.alias_name())
    assert find("coffee").total == 0


def test_makers_are_found_by_name(catalog):
    result = find("Mira", filters={"kind": ["maker"]})
    assert [hit.title for hit in result.hits] == ["Mira Maker"]
    assert result.hits[0].kind == "maker"
    assert result.hits[0].url.endswith("/mira-makes/")


def test_hits_carry_title_url_snippet_and_kind(catalog):
    result = find("sleepy")
    hit = result.hits[0]
    assert hit.title == "Cat T-Shirt"
    assert hit.kind == "design" and str(hit.kind_label) == "Designs"
    assert hit.url == f"/designs/{catalog['designs']['cat_tee'].slug}/"
    assert "<mark>sleepy</mark>" in hit.snippet
    assert "<script>" not in hit.snippet


def test_facet_counts_add_up_and_narrow(catalog):
    everything = find("cat")
    kinds = {v.value: v.count for v in everything.facet("kind").values}
    assert kinds == {"design": 2, "maker": 1}  # Mira's bio: "Prints of cats"
    assert sum(kinds.values()) == everything.total
    result = find("cat", filters={"kind": ["design"]})
    category = result.facet("category")
    assert sum(v.count for v in category.values) == result.total == 2
    assert {v.value: v.count for v in category.values} == {"apparel": 1, "poster": 1}
    narrowed = find("cat", filters={"category": ["apparel"]})
    assert titles(narrowed) == {"Cat T-Shirt"}
    assert narrowed.total == 1
    assert narrowed.facet("category").values[0].selected


def test_tag_and_state_facets(catalog):
    result = find("", filters={"tags": ["animals"]})
    assert titles(result) == {"Cat T-Shirt", "Mountain t shirts"}
    states = {v.value: v.count for v in result.facet("state").values}
    assert states == {"approved": 1, "on_sale": 1}
    tags = {v.value: v.count for v in result.facet("tags").values}
    assert tags["animals"] == 2 and tags["cats"] == 1
    on_sale = find("", filters={"tags": ["animals"], "state": ["on_sale"]})
    assert titles(on_sale) == {"Mountain t shirts"}


def test_kind_facet_separates_designs_and_makers(catalog):
    result = find("mira")
    kinds = {v.value: v.count for v in result.facet("kind").values}
    assert kinds["maker"] == 1
    assert sum(kinds.values()) == result.total


def test_sort_newest(catalog):
    result = find("tshirt", sort="newest")
    assert [h.title for h in result.hits] == ["Wave Tshirt", "Cat T-Shirt", "Mountain t shirts"]


def test_pages_are_clamped(catalog, monkeypatch):
    monkeypatch.setattr(search_rules, "PAGE_SIZE", 2)
    first = find("tshirt", page=1)
    assert first.num_pages == 2 and len(first.hits) == 2 and first.has_next
    last = find("tshirt", page=99999)
    assert last.page == 2 and len(last.hits) == 1
    assert find("tshirt", page=-1).page == 1


def test_suggest_completes_title_words(catalog):
    suggestions = suggest_for("moun")
    assert [s.title for s in suggestions] == ["Mountain t shirts"]
    assert suggestions[0].as_dict()["url"] == f"/designs/{catalog['designs']['mountain_tee'].slug}/"
    assert suggest_for("x") == []


def test_no_result_offers_popular_designs(catalog):
    result = find("zzzqqqxxx")
    assert result.total == 0 and result.hits == []
    assert result.popular and all(hit.kind == "design" for hit in result.popular)


def test_changes_are_indexed_only_after_commit(db, backend, django_capture_on_commit_callbacks):
    from tests.search.helpers import make_design

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_design(title="Lighthouse print")
        assert find("lighthouse").total == 0
    for callback in callbacks:
        callback()
    if backend != "database":
        pytest.skip("the Elasticsearch index is filled by rebuild in this suite")
    assert find("lighthouse").total == 1


def test_rolled_back_changes_are_never_indexed(db, backend, django_capture_on_commit_callbacks):
    from tests.search.helpers import make_design

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                make_design(title="Phantom print")
                raise RuntimeError("abort")
        except RuntimeError:
            pass
    assert find("phantom").total == 0


def test_paging_through_every_page_shows_each_hit_once(catalog, monkeypatch):
    monkeypatch.setattr(search_rules, "PAGE_SIZE", 1)
    monkeypatch.setattr(search_rules, "RANK_WINDOW", 2)  # PostgreSQL: pages past the ranked window follow popularity
    first = find("tshirt")
    seen = [hit.title for page in range(1, first.num_pages + 1) for hit in find("tshirt", page=page).hits]
    assert sorted(seen) == sorted(TEES)
