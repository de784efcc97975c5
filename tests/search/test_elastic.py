"""Elasticsearch as data: mappings, analysers and request bodies, and the fallback to the database.

Elasticsearch cannot run on the development machines; the contract suite runs against a
real cluster when ELASTICSEARCH_URL is set (see README).
"""

from __future__ import annotations

import logging

import pytest
from django.utils import translation

from search import elastic
from search.forms import parse_query
from search.sources import IndexEntry
from tests.search.helpers import find, suggest_for


@pytest.fixture
def body():
    return elastic.index_body()


def test_index_settings_define_german_and_english_analysers(body):
    analysis = body["settings"]["analysis"]
    german = analysis["analyzer"]["cm_german_index"]
    english = analysis["analyzer"]["cm_english_index"]
    assert german["filter"] == [
        "cm_word_parts",
        "flatten_graph",
        "lowercase",
        "german_normalization",
        "asciifolding",
        "cm_german_stop",
        "cm_german_stem",
    ]
    assert english["filter"] == [
        "cm_word_parts",
        "flatten_graph",
        "lowercase",
        "asciifolding",
        "cm_english_stop",
        "cm_english_stem",
    ]
    filters = analysis["filter"]
    assert filters["cm_german_stem"] == {"type": "stemmer", "language": "light_german"}
    assert filters["cm_english_stem"] == {"type": "stemmer", "language": "english"}


def test_word_parts_join_t_shirt_spellings(body):
    # "T-Shirt" is split into t + shirt and also indexed joined as "tshirt", which is how "Tshirt" is indexed.
    word_parts = body["settings"]["analysis"]["filter"]["cm_word_parts"]
    assert word_parts["type"] == "word_delimiter_graph"
    assert word_parts["catenate_words"] is True
    assert word_parts["split_on_case_change"] is False


def test_autocomplete_field_uses_edge_ngrams(body):
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["cm_edge_ngrams"] == {"type": "edge_ngram", "min_gram": 2, "max_gram": 20}
    title = body["mappings"]["properties"]["title"]
    assert title["fields"]["autocomplete"] == {
        "type": "text",
        "analyzer": "cm_autocomplete_index",
        "search_analyzer": "cm_autocomplete",
    }
    assert "cm_edge_ngrams" not in analysis["analyzer"]["cm_autocomplete"]["filter"]
    assert title["fields"]["shingle"]["analyzer"] == "cm_shingle"
    assert title["fields"]["de"]["analyzer"] == "cm_german_index"
    assert title["analyzer"] == "cm_english_index"


def test_mapping_has_facet_and_ranking_fields(body):
    props = body["mappings"]["properties"]
    for name in ("kind", "category", "tags", "product_type", "state"):
        assert props[name]["type"] == "keyword"
    for name in ("price", "rating", "crowd_score", "boost"):
        assert props[name]["type"] == "float"
    assert props["sales"]["type"] == "integer"
    assert props["published_at"]["type"] == "date"
    assert props["url"] == {"type": "keyword", "index": False}


def test_search_body_scores_by_crowd_sales_and_recency():
    query = elastic.build_search(parse_query("tshrit")).to_dict()["query"]["function_score"]
    assert query["boost_mode"] == "multiply" and query["score_mode"] == "sum"
    assert query["functions"] == [
        {"weight": 1},
        {"field_value_factor": {"field": "crowd_score", "modifier": "log1p", "factor": 1, "missing": 0}},
        {"field_value_factor": {"field": "sales", "modifier": "log1p", "factor": 0.5, "missing": 0}},
        {"gauss": {"published_at": {"origin": "now", "scale": "30d", "decay": 0.5}}},
    ]
    fuzzy = query["query"]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]
    assert fuzzy["query"] == "tshrit"
    assert fuzzy["fuzziness"] == "AUTO" and fuzzy["operator"] == "and"
    assert "title^4" in fuzzy["fields"] and "title.de^4" in fuzzy["fields"]


def test_search_body_filters_facets_highlights_and_suggests():
    request = parse_query(
        "cat", {"category": ["apparel"], "tags": ["cats"], "price": ["20-40"], "rating": ["4"]}, "newest", 3
    )
    body = elastic.build_search(request).to_dict()
    filters = body["query"]["function_score"]["query"]["bool"]["filter"]
    assert {"terms": {"category": ["apparel"]}} in filters
    assert {"term": {"tags": "cats"}} in filters
    assert {"bool": {"should": [{"range": {"price": {"gte": 20.0, "lt": 40.0}}}], "minimum_should_match": 1}} in filters
    assert {"bool": {"should": [{"range": {"rating": {"gte": 4}}}], "minimum_should_match": 1}} in filters
    assert set(body["aggs"]) == {"kind", "category", "tags", "product_type", "state", "price", "rating"}
    assert body["aggs"]["category"] == {"terms": {"field": "category", "size": 50}}
    assert body["aggs"]["price"]["range"]["ranges"][-1] == {"key": "100+", "from": 100.0}
    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["pre_tags"] == ["<mark>"] and body["highlight"]["post_tags"] == ["</mark>"]
    assert body["suggest"]["did_you_mean"]["text"] == "cat"
    assert body["suggest"]["did_you_mean"]["phrase"]["field"] == "title.shingle"
    assert body["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}
    assert body["from"] == 48 and body["size"] == 24
    assert body["track_total_hits"] is True


def test_query_syntax_reaches_elasticsearch_as_plain_words():
    body = elastic.build_search(parse_query('title:"x" OR *:* AND {"script": 1} ) DROP TABLE')).to_dict()
    text = body["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]["query"]
    assert text == "title x or and script 1 drop table"
    assert "query_string" not in str(body)


def test_deep_pages_stay_inside_the_result_window():
    body = elastic.build_search(parse_query("cat", page=99999)).to_dict()
    assert body["from"] + body["size"] <= 10_000


def test_suggest_body_uses_the_autocomplete_field():
    body = elastic.build_suggest(["moun"], 8).to_dict()
    assert body["query"]["function_score"]["query"]["bool"]["must"] == [
        {"match": {"title.autocomplete": {"query": "moun", "operator": "and"}}}
    ]
    assert body["size"] == 8


def test_bulk_actions_index_and_delete_by_kind_and_id():
    from search.sources import IndexEntry

    entry = IndexEntry(kind="design", object_id=7, title="Cat", url="/designs/cat/", tags=["cats"])
    actions = elastic.bulk_actions([entry], [("design", 8)], "commonmade-catalog")
    assert actions[0]["_op_type"] == "index" and actions[0]["_id"] == "design-7"
    assert actions[0]["_source"]["tags"] == ["cats"] and actions[0]["_source"]["boost"] == 1.0
    assert actions[1] == {"_op_type": "delete", "_index": "commonmade-catalog", "_id": "design-8"}


def test_response_becomes_the_common_result_shape(db):
    response = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_id": "design-1",
                    "_source": {
                        "kind": "design",
                        "object_id": 1,
                        "title": "Cat T-Shirt",
                        "body": "A cat",
                        "url": "/designs/cat-t-shirt/",
                        "image_url": "/media/cat.jpg",
                        "state": "approved",
                        "price": None,
                    },
                    "highlight": {"title": ["<mark>Cat</mark> T-Shirt"], "body": ["A &lt;b&gt; <mark>cat</mark>"]},
                }
            ],
        },
        "aggregations": {
            "category": {"buckets": [{"key": "apparel", "doc_count": 1}]},
            "kind": {"buckets": [{"key": "design", "doc_count": 1}]},
            "price": {"buckets": [{"key": "0-20", "doc_count": 0}]},
        },
        "suggest": {"did_you_mean": [{"text": "cta", "options": [{"text": "cat", "score": 0.5}]}]},
    }
    result = elastic.parse_response(response, parse_query("cta"))
    assert result.total == 1 and result.backend == "elasticsearch"
    hit = result.hits[0]
    assert hit.title_html == "<mark>Cat</mark> T-Shirt"
    assert hit.snippet == "A &lt;b&gt; <mark>cat</mark>"
    assert result.suggestion == "cat"
    assert [(v.value, v.count) for v in result.facet("category").values] == [("apparel", 1)]
    assert result.facet("price") is None  # empty buckets are left out


def test_unreachable_elasticsearch_falls_back_to_the_database(db, settings, caplog, django_capture_on_commit_callbacks):
    from tests.search.helpers import make_design

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.SEARCH_ES_TIMEOUT = 0.5
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.ERROR, logger="search.elastic"):
        make_design(title="Fallback fox")  # indexing logs that Elasticsearch did not take it
    assert "Elasticsearch did not take" in caplog.text
    with caplog.at_level(logging.WARNING, logger="search.api"):
        result = find("fox")
        suggestions = suggest_for("fallb")
    assert result.backend == "database"
    assert [h.title for h in result.hits] == ["Fallback fox"]
    assert [s.title for s in suggestions] == ["Fallback fox"]
    assert "Elasticsearch did not answer; searching the database instead" in caplog.text
    assert "suggesting from the database instead" in caplog.text


def test_mapping_has_the_product_and_story_fields(body):
    props = body["mappings"]["properties"]
    assert props["keywords"]["type"] == "text"
    assert props["keywords"]["analyzer"] == "cm_english_index"
    assert props["keywords"]["fields"]["de"]["analyzer"] == "cm_german_index"
    assert props["rating_count"]["type"] == "integer"


def test_product_and_story_documents(db):
    from decimal import Decimal

    from search.sources import IndexEntry
    from search.sources.products import product_type_words

    product = IndexEntry(
        kind="product",
        object_id=3,
        title="Forest Pattern Tee",
        url="/shop/forest-pattern-tee/",
        subtitle="T-shirt · Mira",
        keywords=f"Forest Pattern T-Shirt {product_type_words('tshirt')}",
        tags=["forest"],
        category="apparel",
        product_type="tshirt",
        state="on_sale",
        price=Decimal("29.90"),
        rating=4.5,
        rating_count=2,
        crowd_score=45.0,
        sales=6,
    )
    story = IndexEntry(kind="story", object_id=9, title="Meet Mira", url="/de/geschichten/meet-mira/", tags=["news"])
    actions = elastic.bulk_actions([product, story], [("story", 10)], "commonmade-catalog")
    source = actions[0]["_source"]
    assert actions[0]["_id"] == "product-3" and actions[1]["_id"] == "story-9"
    assert source["product_type"] == "tshirt" and source["price"] == 29.9
    assert source["rating"] == 4.5 and source["rating_count"] == 2 and source["sales"] == 6
    # English label, German label (from the catalogue), then the stored value.
    assert source["keywords"] == "Forest Pattern T-Shirt T-shirt T-Shirt tshirt"
    assert actions[1]["_source"]["product_type"] is None and actions[1]["_source"]["price"] is None
    assert actions[2] == {"_op_type": "delete", "_index": "commonmade-catalog", "_id": "story-10"}


def test_search_body_matches_keywords_and_filters_product_facets():
    request = parse_query("tshrit", {"kind": ["product"], "product_type": ["tshirt", "mug"], "price": ["0-20", "100+"]})
    body = elastic.build_search(request).to_dict()
    fuzzy = body["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]
    assert "keywords^2" in fuzzy["fields"] and "keywords.de^2" in fuzzy["fields"]
    filters = body["query"]["function_score"]["query"]["bool"]["filter"]
    assert {"terms": {"kind": ["product"]}} in filters
    assert {"terms": {"product_type": ["tshirt", "mug"]}} in filters
    assert {
        "bool": {
            "should": [{"range": {"price": {"gte": 0.0, "lt": 20.0}}}, {"range": {"price": {"gte": 100.0}}}],
            "minimum_should_match": 1,
        }
    } in filters
    assert body["aggs"]["product_type"] == {"terms": {"field": "product_type", "size": 50}}


def test_sorts_by_rating_then_reviews_and_by_sales():
    top = elastic.build_search(parse_query("tee", sort="top_rated")).to_dict()
    assert top["sort"] == [
        {"rating": {"order": "desc", "missing": "_last"}},
        {"rating_count": "desc"},
        {"crowd_score": "desc"},
        "_score",
    ]
    best = elastic.build_search(parse_query("tee", sort="best_selling")).to_dict()
    assert best["sort"] == [{"sales": "desc"}, "_score"]


def test_product_hits_carry_price_and_rating(db):
    response = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_id": "product-3",
                    "_source": {
                        "kind": "product",
                        "object_id": 3,
                        "title": "Forest Pattern Tee",
                        "url": "/shop/forest-pattern-tee/",
                        "state": "on_sale",
                        "price": 29.9,
                        "rating": 4.5,
                        "rating_count": 2,
                    },
                }
            ],
        },
        "aggregations": {
            "product_type": {"buckets": [{"key": "tshirt", "doc_count": 1}]},
            "price": {"buckets": [{"key": "0-20", "doc_count": 0}, {"key": "20-40", "doc_count": 1}]},
            "rating": {"buckets": [{"key": "4", "doc_count": 1}]},
        },
    }
    result = elastic.parse_response(response, parse_query("tee"))
    hit = result.hits[0]
    assert (hit.kind, str(hit.kind_label), hit.price, hit.rating, hit.rating_count) == (
        "product",
        "Products",
        "29.90",
        4.5,
        2,
    )
    assert [(v.value, v.label, v.count) for v in result.facet("product_type").values] == [("tshirt", "T-shirt", 1)]
    assert [(v.value, v.count) for v in result.facet("price").values] == [("20-40", 1)]
    assert [(v.value, v.count) for v in result.facet("rating").values] == [("4", 1)]


# --- the page-language lookup (stories are indexed once per translation) -------------------------
# Elasticsearch cannot run on the development machines or in CI here: these check the documents and
# the request bodies as data, like the tests above; tests/search/test_contract.py checks the same
# behaviour against a real cluster when ELASTICSEARCH_URL is set.


def _language_filter(language: str) -> dict:
    """Leave out stories written in another language than the page's."""
    story_elsewhere = {
        "bool": {"filter": [{"term": {"kind": "story"}}], "must_not": [{"term": {"language": language}}]}
    }
    return {"bool": {"must_not": [story_elsewhere]}}


def test_story_documents_carry_the_language_of_their_path():
    german = IndexEntry(kind="story", object_id=1, title="Triff Mira", url="/de/geschichten/triff-mira/")
    english = IndexEntry(kind="story", object_id=2, title="Meet Mira", url="/stories/meet-mira/")
    design = IndexEntry(kind="design", object_id=3, title="Heron", url="/designs/heron/")
    assert elastic.to_source(german)["language"] == "de"
    assert elastic.to_source(english)["language"] == "en"
    assert elastic.to_source(design)["language"] is None  # language-neutral: shown on every page
    assert elastic.index_body()["mappings"]["properties"]["language"] == {"type": "keyword"}


@pytest.mark.parametrize("language", ["en", "de"])
def test_search_body_keeps_only_stories_in_the_page_language(language):
    """The database backend's in_page_language, as an Elasticsearch filter."""
    with translation.override(language):
        body = elastic.build_search(parse_query("mira")).to_dict()
        empty = elastic.build_search(parse_query("")).to_dict()
    for query in (body, empty):
        filters = query["query"]["function_score"]["query"]["bool"]["filter"]
        assert _language_filter(language) in filters


@pytest.mark.parametrize("language", ["en", "de"])
def test_suggest_body_keeps_only_stories_in_the_page_language(language):
    with translation.override(language):
        body = elastic.build_suggest(["mi"], 8).to_dict()
    inner = body["query"]["function_score"]["query"]
    assert inner["bool"]["must"] == [{"match": {"title.autocomplete": {"query": "mi", "operator": "and"}}}]
    assert _language_filter(language) in inner["bool"]["filter"]
