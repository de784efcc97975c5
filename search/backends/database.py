"""Database search: PostgreSQL full-text search, or SQLite FTS5 on the embedded default.

Both search the folded words written by search.indexing, so both answer the same
queries the same way; PostgreSQL adds English and German stemming and ranks by
weight, SQLite ranks with bm25 and Porter stemming.
"""

from __future__ import annotations

import math
from collections import defaultdict

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import Count, F, FloatField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils import timezone

from search.facets import build_facets
from search.models import SearchEntry, SearchEntryTag, SearchTerm
from search.results import Hit, SearchRequest, SearchResult, Suggestion
from search.sources import get_source
from search.text import allowed_typos, best_correction, snippet, term_groups

SCALAR_FACETS = {
    "kind": "kind",
    "category": "category",
    "product_type": "product_type",
    "state": "state",
    "price": "price_band",
    "rating": "rating_band",
}
SQLITE_CANDIDATES = 5000
POPULAR_SIZE = 8


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- matching --------------------------------------------------------------------------


def _pg_query(terms: list[str]) -> SearchQuery:
    combined = None
    for group in term_groups(terms):
        alternatives = None
        for word in group:
            # raw tsquery: safe, a term holds only [a-z0-9].
            one = SearchQuery(word, config="english", search_type="raw") | SearchQuery(
                word, config="german", search_type="raw"
            )
            alternatives = one if alternatives is None else alternatives | one
        combined = alternatives if combined is None else combined & alternatives
    return combined


def _fts_query(terms: list[str]) -> str:
    groups = []
    for group in term_groups(terms):
        words = []
        for word in group:
            words.append(f'"{word}"')
            if len(word) >= 4:
                words.append(f'"{word}"*')
        groups.append("(" + " OR ".join(words) + ")")
    return " AND ".join(groups)


def _fts_ranks(terms: list[str]) -> dict[int, float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, -bm25(search_fts, 10.0, 4.0, 1.0) FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY rank LIMIT %s",
            [_fts_query(terms), SQLITE_CANDIDATES],
        )
        return dict(cursor.fetchall())


def _recency(published_at) -> float:
    if published_at is None:
        return 1.0
    age_days = max(0.0, (timezone.now() - published_at).total_seconds() / 86400)
    return 1.0 + 0.5 * math.exp(-age_days / settings.SEARCH_RECENCY_DAYS)


def _pg_recency():
    return RawSQL(
        "1.0 + 0.5 * exp(-GREATEST(0, EXTRACT(EPOCH FROM (now() - search_searchentry.published_at))) / (86400.0 * %s))",
        [settings.SEARCH_RECENCY_DAYS],
        output_field=FloatField(),
    )


class Matched:
    """The entries that match the words and filters, and how to rank them."""

    def __init__(self, base: QuerySet, terms: list[str]):
        self.terms = terms
        self.ranks: dict[int, float] | None = None
        if not terms:
            self.qs = base
        elif _is_postgres():
            query = _pg_query(terms)
            self.qs = base.filter(search_vector=query).annotate(
                text_rank=SearchRank(F("search_vector"), query, weights=[0.1, 0.2, 0.5, 1.0])
            )
        else:
            self.ranks = _fts_ranks(terms)
            self.qs = base.filter(pk__in=list(self.ranks))

    def ordered(self, sort: str) -> QuerySet | list[int]:
        """A queryset in order, or (SQLite relevance) the ordered list of ids."""
        if sort == "newest":
            return self.qs.order_by(F("published_at").desc(nulls_last=True), "-pk")
        if sort == "top_rated":
            return self.qs.order_by(F("rating").desc(nulls_last=True), "-crowd_score", "-pk")
        if sort == "best_selling":
            return self.qs.order_by("-sales", "-boost", "-pk")
        if not self.terms:
            return self.qs.order_by("-boost", F("published_at").desc(nulls_last=True), "-pk")
        if self.ranks is None:
            return self.qs.annotate(score=F("text_rank") * F("boost") * _pg_recency()).order_by("-score", "-pk")
        rows = self.qs.values_list("pk", "boost", "published_at")
        scored = sorted(rows, key=lambda r: (-self.ranks.get(r[0], 0) * r[1] * _recency(r[2]), -r[0]))
        return [r[0] for r in scored]


def apply_filters(qs: QuerySet, filters: dict[str, list[str]]) -> QuerySet:
    for name, values in filters.items():
        if not values:
            continue
        if name == "tags":
            for tag in values:  # every chosen tag must be present
                qs = qs.filter(pk__in=SearchEntryTag.objects.filter(tag=tag).values("entry_id"))
        elif name in SCALAR_FACETS:
            qs = qs.filter(**{f"{SCALAR_FACETS[name]}__in": values})
    return qs


def facet_counts(qs: QuerySet) -> tuple[dict[str, dict[str, int]], int]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total = 0
    columns = list(SCALAR_FACETS.values())
    for row in qs.order_by().values(*columns).annotate(n=Count("pk")):
        total += row["n"]
        for name, column in SCALAR_FACETS.items():
            counts[name][row[column]] += row["n"]
    if total:
        tags = (
            SearchEntryTag.objects.filter(entry__in=qs.order_by().values("pk"))
            .values("tag")
            .annotate(n=Count("pk"))
            .order_by("-n", "tag")[:30]
        )
        counts["tags"] = {row["tag"]: row["n"] for row in tags}
    return counts, total


# --- did you mean ----------------------------------------------------------------------


def corrections(terms: list[str]) -> dict[str, str]:
    """Unknown words -> the closest known word."""
    candidates = [t for t in terms if allowed_typos(t)]
    if not candidates:
        return {}
    known = set(SearchTerm.objects.filter(term__in=candidates).values_list("term", flat=True))
    fixed = {}
    for term in candidates:
        if term in known:
            continue
        limit = allowed_typos(term)
        words = SearchTerm.objects.annotate(n=Length("term")).filter(n__gte=len(term) - limit, n__lte=len(term) + limit)
        if _is_postgres():
            words = (
                words.annotate(similarity=TrigramSimilarity("term", term))
                .filter(similarity__gt=0.15)
                .order_by("-similarity")[:30]
            )
        choice = best_correction(term, list(words.values_list("term", "frequency")))
        if choice:
            fixed[term] = choice
    return fixed


# --- the API ---------------------------------------------------------------------------


def _hit(entry: SearchEntry, terms: list[str]) -> Hit:
    source = get_source(entry.kind)
    return Hit(
        kind=entry.kind,
        kind_label=str(source.label) if source else entry.kind,
        object_id=entry.object_id,
        title=entry.title,
        title_html=snippet(entry.title, terms, length=200),
        url=entry.url,
        snippet=snippet(entry.body or entry.subtitle, terms),
        image_url=entry.image_url,
        subtitle=entry.subtitle,
        state=entry.state,
        price=str(entry.price) if entry.price is not None else "",
        rating=entry.rating,
    )


def popular(limit: int = POPULAR_SIZE) -> list[Hit]:
    entries = SearchEntry.objects.filter(kind="design").order_by(
        "-boost", F("published_at").desc(nulls_last=True), "-pk"
    )[:limit]
    return [_hit(e, []) for e in entries]


def search(request: SearchRequest) -> SearchResult:
    result = SearchResult(
        query=request.text, sort=request.sort, filters=request.filters, page_size=request.page_size, backend="database"
    )
    if request.is_empty:
        result.popular = popular()
        return result
    base = apply_filters(SearchEntry.objects.all(), request.filters)
    terms = request.terms
    fixed = corrections(terms) if terms else {}
    if fixed:
        result.suggestion = " ".join(fixed.get(t, t) for t in terms)
    matched = Matched(base, terms)
    counts, total = facet_counts(matched.qs)
    if not total and fixed:
        terms = [fixed.get(t, t) for t in terms]
        matched = Matched(base, terms)
        counts, total = facet_counts(matched.qs)
        result.corrected = bool(total)
    result.total = total
    result.facets = build_facets(counts, request.filters)
    result.num_pages = max(1, math.ceil(total / request.page_size))
    result.page = min(request.page, result.num_pages)
    start = (result.page - 1) * request.page_size
    ordered = matched.ordered(request.sort)
    if isinstance(ordered, list):
        page_ids = ordered[start : start + request.page_size]
        entries = SearchEntry.objects.in_bulk(page_ids)
        page = [entries[pk] for pk in page_ids]
    else:
        page = list(
            ordered.defer("doc_a", "doc_b", "doc_c", "search_vector", "title_vector")[start : start + request.page_size]
        )
    result.hits = [_hit(entry, terms) for entry in page]
    if not total:
        result.popular = popular()
    return result


def suggest(terms: list[str], limit: int) -> list[Suggestion]:
    if not terms or len(terms[-1]) < 2 and len(terms) == 1:
        return []
    qs = SearchEntry.objects.all()
    *complete, prefix = terms
    if _is_postgres():
        tsquery = " & ".join([*complete, f"{prefix}:*"])
        qs = qs.filter(title_vector=SearchQuery(tsquery, config="simple", search_type="raw"))
    else:
        match = "{doc_a} : (" + " AND ".join([*(f'"{t}"' for t in complete), f'"{prefix}"*']) + ")"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s", [match, SQLITE_CANDIDATES]
            )
            qs = qs.filter(pk__in=[row[0] for row in cursor.fetchall()])
    entries = qs.order_by("-boost", F("published_at").desc(nulls_last=True), "-pk").only(
        "kind", "title", "url", "image_url"
    )[:limit]
    out = []
    for entry in entries:
        source = get_source(entry.kind)
        out.append(
            Suggestion(entry.kind, source.label if source else entry.kind, entry.title, entry.url, entry.image_url)
        )
    return out
