"""The Elasticsearch backend, written with the elasticsearch-dsl API.

One index holds every kind; the site reads and writes it through an alias, so
`manage.py search_index --rebuild` fills a new index and swaps the alias in one
step, without downtime. Mappings and request bodies are plain data: the unit
tests assert them, the contract tests run them when ELASTICSEARCH_URL is set.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch_dsl import (
    Date,
    Document,
    Float,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from search import rules as search_rules
from search.backends.database import localized_url
from search.indexing import PRICE_BANDS, TOP_PRICE, boost, iter_entries
from search.results import Hit, SearchQuery, SearchResult, Suggestion
from search.sources import IndexEntry, get_source
from search.text import snippet

logger = logging.getLogger(__name__)

# Errors that mean "Elasticsearch does not answer properly": the site falls back to the database.
UNAVAILABLE = (TransportError, ApiError)

# --- analysis --------------------------------------------------------------------------

# "T-Shirt" -> "t", "shirt" and the joined "tshirt"; "Tshirt" stays "tshirt".
word_parts = token_filter(
    "cm_word_parts",
    "word_delimiter_graph",
    catenate_words=True,
    preserve_original=False,
    split_on_case_change=False,
    split_on_numerics=False,
)
german_stop = token_filter("cm_german_stop", "stop", stopwords="_german_")
german_stem = token_filter("cm_german_stem", "stemmer", language="light_german")
english_stop = token_filter("cm_english_stop", "stop", stopwords="_english_")
english_stem = token_filter("cm_english_stem", "stemmer", language="english")
edge_ngrams = token_filter("cm_edge_ngrams", "edge_ngram", min_gram=2, max_gram=20)
shingles = token_filter("cm_shingles", "shingle", min_shingle_size=2, max_shingle_size=3)

_german = [word_parts, "lowercase", "german_normalization", "asciifolding", german_stop, german_stem]
_english = [word_parts, "lowercase", "asciifolding", english_stop, english_stem]
# Index-time graphs from word_delimiter_graph must be flattened; query time keeps them.
german_index = analyzer("cm_german_index", tokenizer="whitespace", filter=[*_german[:1], "flatten_graph", *_german[1:]])
german_search = analyzer("cm_german", tokenizer="whitespace", filter=_german)
english_index = analyzer(
    "cm_english_index", tokenizer="whitespace", filter=[*_english[:1], "flatten_graph", *_english[1:]]
)
english_search = analyzer("cm_english", tokenizer="whitespace", filter=_english)
autocomplete_index = analyzer(
    "cm_autocomplete_index",
    tokenizer="whitespace",
    filter=[word_parts, "flatten_graph", "lowercase", "asciifolding", edge_ngrams],
)
autocomplete_search = analyzer(
    "cm_autocomplete", tokenizer="whitespace", filter=[word_parts, "lowercase", "asciifolding"]
)
shingle_analyzer = analyzer("cm_shingle", tokenizer="standard", filter=["lowercase", "asciifolding", shingles])


def _text(**extra) -> Text:
    fields = {"de": Text(analyzer=german_index, search_analyzer=german_search), **extra}
    return Text(analyzer=english_index, search_analyzer=english_search, fields=fields)


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-catalog"


class CatalogDocument(Document):
    kind = Keyword()
    object_id = Long()
    title = _text(
        autocomplete=Text(analyzer=autocomplete_index, search_analyzer=autocomplete_search),
        shingle=Text(analyzer=shingle_analyzer),
        raw=Keyword(),
    )
    subtitle = _text()
    keywords = _text()
    body = _text()
    tags = Keyword(fields={"text": Text(analyzer=english_index, search_analyzer=english_search)})
    category = Keyword()
    category_label = _text()
    product_type = Keyword()
    state = Keyword()
    price = Float()
    rating = Float()
    rating_count = Integer()
    crowd_score = Float()
    sales = Integer()
    boost = Float()
    published_at = Date()
    language = Keyword()  # stories only (one document per translation); others are language-neutral
    url = Keyword(index=False)
    image_url = Keyword(index=False)

    class Index:
        name = "commonmade-catalog"  # replaced by alias_name() at run time
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "max_result_window": 10_000}


def index_body() -> dict:
    """Settings and mappings of a new concrete index."""
    return CatalogDocument._index.clone(alias_name()).to_dict()


# --- client ----------------------------------------------------------------------------

_clients: dict[str, Elasticsearch] = {}


def client() -> Elasticsearch:
    url = settings.ELASTICSEARCH_URL
    if url not in _clients:
        _clients[url] = Elasticsearch(
            url, request_timeout=settings.SEARCH_ES_TIMEOUT, max_retries=0, retry_on_timeout=False
        )
    return _clients[url]


# --- indexing --------------------------------------------------------------------------


def doc_id(kind: str, object_id: int) -> str:
    return f"{kind}-{object_id}"


def to_source(entry: IndexEntry) -> dict:
    return {
        "kind": entry.kind,
        "object_id": entry.object_id,
        "title": entry.title,
        "subtitle": entry.subtitle,
        "keywords": entry.keywords,
        "body": entry.body,
        "tags": entry.tags,
        "category": entry.category or None,
        "category_label": entry.category_label,
        "product_type": entry.product_type or None,
        "state": entry.state or None,
        "price": float(entry.price) if entry.price is not None else None,
        "rating": entry.rating,
        "rating_count": entry.rating_count,
        "crowd_score": entry.crowd_score,
        "sales": entry.sales,
        "boost": boost(entry),
        "published_at": entry.published_at.isoformat() if entry.published_at else None,
        "url": entry.url,
        "image_url": entry.image_url,
        "language": story_language(entry.url) if entry.kind == "story" else None,
    }


def story_language(url: str) -> str:
    """A story's language is the prefix of its path (/de/…); without one it is the default language."""
    prefix = url.split("/", 2)[1] if url.startswith("/") and url.count("/") >= 2 else ""
    codes = {code for code, _name in settings.LANGUAGES}
    return prefix if prefix in codes else settings.LANGUAGE_CODE


def in_page_language() -> Q:
    """The database backend's in_page_language: leave out stories written in another language."""
    language = get_language() or settings.LANGUAGE_CODE
    elsewhere = Q("bool", filter=[Q("term", kind="story")], must_not=[Q("term", language=language)])
    return Q("bool", must_not=[elsewhere])


def bulk_actions(entries: Iterable[IndexEntry], removed: Iterable[tuple[str, int]], index: str) -> list[dict]:
    actions = [
        {"_op_type": "index", "_index": index, "_id": doc_id(e.kind, e.object_id), "_source": to_source(e)}
        for e in entries
    ]
    actions += [{"_op_type": "delete", "_index": index, "_id": doc_id(kind, pk)} for kind, pk in removed]
    return actions


def sync_entries(entries: list[IndexEntry], *, removed: list[tuple[str, int]]) -> None:
    """Write and delete in one bulk request; a missing document on delete is fine."""
    actions = bulk_actions(entries, removed, alias_name())
    if not actions:
        return
    try:
        # require_alias: before the first rebuild there is no alias, and no index may be made up on the fly.
        helpers.bulk(client(), actions, ignore_status=(404,), refresh=False, require_alias=True)
    except (*UNAVAILABLE, helpers.BulkIndexError):
        logger.exception("Elasticsearch did not take %s index changes; the database index is up to date", len(actions))


def drop_indexes() -> None:
    """Delete every index behind the alias (tests and teardown)."""
    es = client()
    try:
        names = list(es.indices.get_alias(name=alias_name()))
    except NotFoundError:
        return
    for name in names:
        es.indices.delete(index=name, ignore_unavailable=True)


def rebuild(*, progress: Callable[[int], None] | None = None, refresh: bool = True) -> str:
    """Fill a new index and point the alias at it; old indexes behind the alias are dropped."""
    es = client()
    alias = alias_name()
    name = f"{alias}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"
    es.indices.create(index=name, **index_body())
    for batch in iter_entries():
        helpers.bulk(es, bulk_actions(batch, [], name))
        if progress:
            progress(len(batch))
    es.indices.refresh(index=name)
    try:
        old = list(es.indices.get_alias(name=alias))
    except NotFoundError:
        old = []
    actions = [{"remove": {"index": o, "alias": alias}} for o in old] + [{"add": {"index": name, "alias": alias}}]
    es.indices.update_aliases(actions=actions)
    for o in old:
        es.indices.delete(index=o, ignore_unavailable=True)
    return name


# --- searching -------------------------------------------------------------------------

TEXT_FIELDS = [
    "title^4",
    "title.de^4",
    "tags.text^2",
    "category_label^2",
    "category_label.de^2",
    "subtitle^2",
    "subtitle.de^2",
    "keywords^2",
    "keywords.de^2",
    "body",
    "body.de",
]
TERM_FILTERS = ("kind", "category", "tags", "product_type", "state")


def _price_ranges() -> list[dict]:
    ranges = [{"key": f"{low}-{high}", "from": float(low), "to": float(high)} for low, high in PRICE_BANDS]
    return ranges + [{"key": f"{TOP_PRICE}+", "from": float(TOP_PRICE)}]


RATING_RANGES = [{"key": str(n), "from": n, **({"to": n + 1} if n < 4 else {})} for n in (4, 3, 2, 1, 0)]


def _filters(filters: dict[str, list[str]]) -> list:
    out = []
    for name in TERM_FILTERS:
        values = filters.get(name)
        if not values:
            continue
        if name == "tags":
            out += [Q("term", tags=tag) for tag in values]
        else:
            out.append(Q("terms", **{name: values}))
    for name, ranges, field in (("price", _price_ranges(), "price"), ("rating", RATING_RANGES, "rating")):
        chosen = [r for r in ranges if r["key"] in filters.get(name, [])]
        if chosen:
            out.append(
                Q(
                    "bool",
                    should=[
                        Q(
                            "range",
                            **{
                                field: {k: v for k, v in (("gte", r.get("from")), ("lt", r.get("to"))) if v is not None}
                            },
                        )
                        for r in chosen
                    ],
                    minimum_should_match=1,
                )
            )
    return out


def build_search(request: SearchQuery, *, start: int | None = None) -> Search:
    text = " ".join(request.terms)
    if text:
        matching = Q(
            "bool",
            should=[
                Q(
                    "multi_match",
                    query=text,
                    fields=TEXT_FIELDS,
                    type="best_fields",
                    operator="and",
                    fuzziness="AUTO",
                    prefix_length=1,
                ),
                Q("multi_match", query=text, fields=["title^2", "title.de^2", "body"], type="phrase", boost=2),
            ],
            minimum_should_match=1,
        )
    else:
        matching = Q("match_all")
    scored = Q(
        "function_score",
        query=Q("bool", must=[matching], filter=[*_filters(request.filters), in_page_language()]),
        functions=[
            {"weight": 1},  # the baseline: new items without votes or sales still score
            {"field_value_factor": {"field": "crowd_score", "modifier": "log1p", "factor": 1, "missing": 0}},
            {"field_value_factor": {"field": "sales", "modifier": "log1p", "factor": 0.5, "missing": 0}},
            {"gauss": {"published_at": {"origin": "now", "scale": f"{search_rules.RECENCY_DAYS}d", "decay": 0.5}}},
        ],
        score_mode="sum",
        boost_mode="multiply",
    )
    s = Search(index=alias_name()).query(scored).extra(track_total_hits=True)
    sorts = {
        "newest": [{"published_at": {"order": "desc", "missing": "_last"}}, "_score"],
        "top_rated": [
            {"rating": {"order": "desc", "missing": "_last"}},
            {"rating_count": "desc"},
            {"crowd_score": "desc"},
            "_score",
        ],
        "best_selling": [{"sales": "desc"}, "_score"],
    }
    if request.sort in sorts:
        s = s.sort(*sorts[request.sort])
    elif not text:
        s = s.sort({"boost": "desc"}, {"published_at": {"order": "desc", "missing": "_last"}})
    for name in ("kind", "category", "product_type", "state"):
        s.aggs.bucket(name, "terms", field=name, size=50)
    s.aggs.bucket("tags", "terms", field="tags", size=30)
    s.aggs.bucket("price", "range", field="price", ranges=_price_ranges())
    s.aggs.bucket("rating", "range", field="rating", ranges=RATING_RANGES)
    s = s.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    s = s.highlight("title", number_of_fragments=0).highlight("body", fragment_size=180, number_of_fragments=1)
    if text:
        s = s.suggest(
            "did_you_mean",
            text,
            phrase={
                "field": "title.shingle",
                "size": 1,
                "gram_size": 3,
                "direct_generator": [{"field": "title.shingle", "suggest_mode": "always"}],
            },
        )
    first = (request.page - 1) * request.page_size if start is None else start
    first = max(0, min(first, 10_000 - request.page_size))
    return s[first : first + request.page_size]


def _facet_counts(aggregations: dict) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for name, agg in aggregations.items():
        counts[name] = {str(b["key"]): b["doc_count"] for b in agg.get("buckets", [])}
    return counts


def parse_response(response: dict, request: SearchQuery) -> SearchResult:
    from search.facets import build_facets

    total = response["hits"]["total"]["value"]
    result = SearchResult(
        query=request.text,
        total=total,
        sort=request.sort,
        filters=request.filters,
        page_size=request.page_size,
        backend="elasticsearch",
    )
    result.num_pages = max(1, -(-min(total, 10_000) // request.page_size))
    result.page = min(request.page, result.num_pages)
    for raw in response["hits"]["hits"]:
        doc, highlight = raw["_source"], raw.get("highlight", {})
        source = get_source(doc["kind"])
        title_html = mark_safe(highlight["title"][0]) if "title" in highlight else snippet(doc["title"], [])  # noqa: S308 (encoder html)
        body_html = (
            mark_safe(highlight["body"][0])
            if "body" in highlight
            else snippet(doc.get("body") or doc.get("subtitle", ""), [])
        )  # noqa: S308
        result.hits.append(
            Hit(
                kind=doc["kind"],
                kind_label=str(source.label) if source else doc["kind"],
                object_id=doc["object_id"],
                title=doc["title"],
                title_html=title_html,
                url=localized_url(doc["kind"], doc["url"]),
                snippet=body_html,
                image_url=doc.get("image_url", ""),
                subtitle=doc.get("subtitle", ""),
                state=doc.get("state") or "",
                price=f"{doc['price']:.2f}" if doc.get("price") is not None else "",
                rating=doc.get("rating"),
                rating_count=doc.get("rating_count") or 0,
            )
        )
    result.facets = build_facets(_facet_counts(response.get("aggregations", {})), request.filters)
    options = response.get("suggest", {}).get("did_you_mean", [{}])[0].get("options", [])
    if options and options[0]["text"] != " ".join(request.terms):
        result.suggestion = options[0]["text"]
    return result


def search(request: SearchQuery) -> SearchResult:
    es = client()
    response = es.search(index=alias_name(), **build_search(request).to_dict())
    result = parse_response(response.body, request)
    if request.page > result.num_pages and result.total:
        # Past the last page: answer with the last page.
        last = build_search(request, start=(result.num_pages - 1) * request.page_size)
        result = parse_response(es.search(index=alias_name(), **last.to_dict()).body, request)
    return result


def build_suggest(terms: list[str], limit: int) -> Search:
    match = Q("match", **{"title.autocomplete": {"query": " ".join(terms), "operator": "and"}})
    query = Q("bool", must=[match], filter=[in_page_language()])
    s = Search(index=alias_name()).query(
        Q("function_score", query=query, field_value_factor={"field": "boost", "missing": 1})
    )
    return s.source(["kind", "title", "url", "image_url"])[:limit]


def suggest(terms: list[str], limit: int) -> list[Suggestion]:
    response = client().search(index=alias_name(), **build_suggest(terms, limit).to_dict())
    out = []
    for raw in response.body["hits"]["hits"]:
        doc = raw["_source"]
        source = get_source(doc["kind"])
        out.append(
            Suggestion(
                doc["kind"],
                source.label if source else doc["kind"],
                doc["title"],
                localized_url(doc["kind"], doc["url"]),
                doc.get("image_url", ""),
            )
        )
    return out
