"""Search takes a SearchQuery: the views and the API read the request's parameters, the backends get typed values."""

from __future__ import annotations

import dataclasses

import pytest

from search import api as search_api
from search.backends import database
from search.forms import parse_query, parse_suggest_query
from search.results import SearchQuery, SearchResult

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("call", [search_api.search_catalog, search_api.suggest])
@pytest.mark.parametrize("raw", ["tshirt", None, {"q": "tshirt"}])
def test_search_and_suggest_refuse_a_raw_query(call, raw):
    with pytest.raises(TypeError, match="SearchQuery"):
        call(raw)


def test_parse_query_reads_words_known_filters_a_sort_and_a_page():
    query = parse_query(
        "  T-Shirt  cats ",
        filters={"kind": ["design", "bogus"], "colour": ["red"], "tags": ["Animals", "animals "]},
        sort="cheapest",
        page="-3",
    )
    assert isinstance(query, SearchQuery)
    assert query.text == "T-Shirt  cats"
    assert query.terms and all(term == term.lower() for term in query.terms)
    assert query.filters == {"kind": ["design"], "tags": ["animals"]}
    assert (query.sort, query.page) == ("relevance", 1)
    assert parse_query("x" * 500).text == "x" * 200
    assert parse_query("cat", page="1e9999").page == 1
    assert parse_query("cat", sort="newest", page=7).page == 7
    with pytest.raises(dataclasses.FrozenInstanceError):
        query.page = 2  # type: ignore[misc]
    assert parse_suggest_query(None).terms == []


@pytest.mark.parametrize(
    "fields", [{"sort": "cheapest"}, {"page": 0}, {"page": "2"}, {"page": True}, {"filters": {"colour": ["red"]}}]
)
def test_a_search_query_refuses_values_it_cannot_hold(fields):
    with pytest.raises(ValueError):
        SearchQuery(text="cat", terms=["cat"], **fields)


@pytest.fixture
def seen(monkeypatch):
    """What the database backend was given."""
    calls: list[SearchQuery] = []

    def search(query):
        calls.append(query)
        return SearchResult(query=query.text)

    def suggest(terms, limit):
        calls.append(terms)
        return []

    monkeypatch.setattr(database, "search", search)
    monkeypatch.setattr(database, "suggest", suggest)
    return calls


def test_the_search_page_hands_the_backend_a_search_query(client, seen):
    response = client.get("/search/?q=tshirt&sort=newest&page=2&kind=design&kind=bogus&colour=red")
    assert response.status_code == 200
    (query,) = seen
    assert isinstance(query, SearchQuery)
    assert (query.terms, query.filters, query.sort, query.page) == (["tshirt"], {"kind": ["design"]}, "newest", 2)


def test_the_api_hands_the_backend_a_search_query(client, seen):
    response = client.get("/api/v1/search/?q=tshirt&sort=top_rated&page=3&kind=maker&kind=bogus")
    assert response.status_code == 200
    (query,) = seen
    assert isinstance(query, SearchQuery)
    assert (query.terms, query.filters, query.sort, query.page) == (["tshirt"], {"kind": ["maker"]}, "top_rated", 3)


@pytest.mark.parametrize("url", ["/search/suggest?q=moun", "/api/v1/search/suggest/?q=moun"])
def test_suggest_hands_the_backend_the_words(client, seen, url):
    assert client.get(url).status_code == 200
    assert seen == [["moun"]]
