"""The search page, the suggest endpoint and bad input: always a normal page, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from search import rules as search_rules

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


@pytest.fixture
def tees(db, django_capture_on_commit_callbacks, settings):
    from tests.search.helpers import make_design, make_maker

    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        maker = make_maker(display_name="Mira Maker")
        for n in range(30):
            make_design(
                title=f"T-Shirt number {n}",
                maker=maker,
                description=f"Shirt <em>{n}</em>",
                tags=("shirts", f"tag{n % 3}"),
                category="apparel" if n % 2 else "poster",
                days_ago=n,
            )


def test_url_names():
    assert reverse("search:search") == SEARCH
    assert reverse("search:suggest") == "/search/suggest"


def test_results_page_has_noindex_facets_sorting_and_pagination(client, tees, monkeypatch):
    monkeypatch.setattr(search_rules, "PAGE_SIZE", 10)
    response = client.get(SEARCH, {"q": "tshirt"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert "30 results" in html
    assert 'name="category" value="apparel"' in html and "(15)" in html
    assert '<option value="top_rated"' in html and '<option value="best_selling"' in html
    assert "Page 1 of 3" in html and 'rel="next"' in html
    assert "<mark>T-Shirt</mark> number" in html
    assert "&lt;em&gt;" in html or "<em>" not in html.split('class="search-hits"')[1]


def test_facet_filter_narrows_the_page(client, tees):
    response = client.get(SEARCH, {"q": "tshirt", "category": "apparel", "tags": "tag1"})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.total == 5  # odd numbers 1..29 with n % 3 == 1: 1, 7, 13, 19, 25
    assert sum(v.count for v in result.facet("category").values) == result.total


def test_page_query_count_does_not_grow_with_results(client, tees, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(SEARCH, {"q": "shirt"})
    assert len(response.context["result"].hits) == 24


def test_empty_search_shows_a_prompt_and_popular_designs(client, tees):
    response = client.get(SEARCH)
    assert response.status_code == 200
    html = response.content.decode()
    assert "try a motif" in html
    assert "Popular designs" in html


def test_no_result_page_suggests_a_spelling_and_popular_designs(client, tees):
    response = client.get(SEARCH, {"q": "numbre zzzzqqq"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing found for" in html
    assert "Popular designs" in html
    assert response.context["result"].suggestion == "number zzzzqqq"
    assert "?q=number%20zzzzqqq" in html


def test_typo_page_shows_corrected_results(client, tees):
    response = client.get(SEARCH, {"q": "tshrit"})
    result = response.context["result"]
    assert result.corrected and result.suggestion == "tshirt" and result.total == 30
    assert "Showing results for" in response.content.decode()


def test_suggest_returns_json_for_the_header_box(client, tees):
    response = client.get("/search/suggest", {"q": "t-sh"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["query"] == "t-sh"
    assert len(data["suggestions"]) == 8
    assert data["suggestions"][0]["title"].startswith("T-Shirt number")
    assert set(data["suggestions"][0]) == {"kind", "kind_label", "title", "url", "image_url"}


def test_header_search_box_loads_the_autocomplete_script(client, tees):
    html = client.get(SEARCH).content.decode()
    assert 'id="site-search-q"' in html
    assert "/static/js/search.js" in html


def test_german_search_page(client, tees):
    response = client.get("/de/search/", {"q": "tshirt"})
    assert response.status_code == 200
    assert response.context["result"].total == 30


@pytest.mark.parametrize(
    "params",
    [
        {"q": "shirt " * 2000},  # 12,000 characters
        {"q": "!!! ??? ... ;;; ((( )))"},
        {"q": "'; DROP TABLE search_searchentry; --"},
        {"q": '" OR 1=1 --'},
        {"q": 'title:"x" AND *:* OR {"script": {"source": "1"}}'},
        {"q": "shirt*", "kind": "<script>"},
        {"q": 'NEAR(a b) AND NOT ^ " *'},
        {"q": "shirt", "category": "does-not-exist"},
        {"q": "shirt", "price": "1-1000000", "rating": "9", "state": "'; --", "tags": "x" * 500},
        {"q": "shirt", "unknown_facet": "x"},
        {"q": "shirt", "page": "-1"},
        {"q": "shirt", "page": "99999"},
        {"q": "shirt", "page": "abc"},
        {"q": "shirt", "sort": "drop table"},
        {"q": "\x01\x02 shirt"},
    ],
)
def test_bad_input_is_a_normal_page(client, tees, params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.sort in {"relevance", "newest", "top_rated", "best_selling"}
    assert 1 <= result.page <= result.num_pages
    assert len(result.query) <= 200
    assert client.get("/search/suggest", {"q": params["q"]}).status_code == 200


def test_a_nul_byte_in_the_query_is_400(client, tees):
    """core.params.RejectNulBytesMiddleware: PostgreSQL refuses NUL in text, so no view sees one."""
    assert client.get(SEARCH, {"q": "\x00 shirt"}).status_code == 400
    assert client.get("/search/suggest", {"q": "\x00"}).status_code == 400


def test_long_query_is_truncated(client, tees):
    response = client.get(SEARCH, {"q": "shirt " * 2000})
    assert len(response.context["result"].query) <= 200
    assert response.context["result"].total == 30


def test_only_punctuation_is_an_empty_search(client, tees):
    result = client.get(SEARCH, {"q": "!!! ???"}).context["result"]
    assert result.total == 0 and result.hits == [] and result.popular


def test_unknown_facet_values_are_ignored_or_match_nothing(client, tees):
    ignored = client.get(SEARCH, {"q": "shirt", "rating": "9", "price": "1-2", "kind": "spaceship"}).context["result"]
    assert ignored.filters == {} and ignored.total == 30
    nothing = client.get(SEARCH, {"q": "shirt", "category": "does-not-exist"}).context["result"]
    assert nothing.total == 0
    assert nothing.facet("category").values[0].selected  # can be unticked


def test_past_the_last_page_shows_the_last_page(client, tees, monkeypatch):
    monkeypatch.setattr(search_rules, "PAGE_SIZE", 10)
    result = client.get(SEARCH, {"q": "shirt", "page": "99999"}).context["result"]
    assert result.page == 3 and len(result.hits) == 10


def test_sort_drop_table_falls_back_to_relevance(client, tees):
    assert client.get(SEARCH, {"q": "shirt", "sort": "drop table"}).context["result"].sort == "relevance"


def test_search_page_accepts_get_only(client):
    assert client.post(SEARCH, {"q": "x"}).status_code == 405
