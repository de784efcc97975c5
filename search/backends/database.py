"""Database search: PostgreSQL full-text search, or SQLite FTS5 on the embedded default.

Both search the folded words written by search.indexing, so both answer the same
queries the same way; PostgreSQL adds English and German stemming and ranks by
weight, SQLite ranks with bm25 and Porter stemming.
"""

from __future__ import annotations

import math
from collections import defaultdict

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Count, F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import get_language

from core.i18n import path_in_language
from search import query_cache
from search import rules as search_rules
from search.facets import build_facets
from search.models import SAMPLE_EVERY, TAG_ARRAY_SQL, SearchEntry, SearchEntryTag, SearchTerm
from search.query_cache import QueryCache
from search.results import Hit, SearchQuery, SearchResult, Suggestion
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
    return 1.0 + 0.5 * math.exp(-age_days / search_rules.RECENCY_DAYS)


def _pg_recency():
    # date_part gives a float; EXTRACT gives numeric, which is many times slower per row.
    return RawSQL(
        "COALESCE(1.0 + 0.5 * exp(-GREATEST(0, date_part('epoch', now() - search_searchentry.published_at)) "
        "/ (86400.0 * %s)), 1.0)",
        [search_rules.RECENCY_DAYS],
        output_field=FloatField(),
    )


def _pg_tsquery(terms: list[str]) -> tuple[str, list[str]]:
    """Every group must match; a group's words in English or German. Words hold only [a-z0-9]."""
    groups, params = [], []
    for group in term_groups(terms):
        alternatives = []
        for word in group:
            alternatives.append("to_tsquery('english', %s) || to_tsquery('german', %s)")
            params += [word, word]
        groups.append("(" + " || ".join(alternatives) + ")")
    return " && ".join(groups), params


PG_ORDER = {
    "newest": "published_at DESC NULLS LAST, id DESC",
    "top_rated": "rating DESC NULLS LAST, rating_count DESC, crowd_score DESC, id DESC",
    "best_selling": "sales DESC, pop DESC, id DESC",
}
PG_FACET_COLUMNS = "kind, category, product_type, state, price_band, rating_band"


def _pg_matched(base: QuerySet, tsquery: str, tsquery_params: list[str]) -> QuerySet:
    if not tsquery:
        return base
    # Fixed SQL; the words are parameters.
    where = f"search_searchentry.search_vector @@ ({tsquery})"
    return base.extra(where=[where], params=tsquery_params)  # noqa: S610


_FACETS_SQL = (
    "f AS (SELECT coalesce(json_agg(x), '[]'::json) AS j FROM "  # noqa: S608 (fixed SQL)
    f"(SELECT {PG_FACET_COLUMNS}, count(*) AS n FROM m GROUP BY {PG_FACET_COLUMNS}) x), "
    "t AS (SELECT coalesce(json_agg(y), '[]'::json) AS j FROM "
    # A set-returning function in the select list is the cheapest way to split the tags.
    "(SELECT tag, count(*) AS n FROM (SELECT string_to_table(tag_text, '|') AS tag FROM m "
    "WHERE tag_text <> '') tags GROUP BY tag ORDER BY 2 DESC, 1 LIMIT 30) y)"
)


def _read_counts(facet_rows, tag_rows, scale: int = 1) -> tuple[dict[str, dict[str, int]], int]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total = 0
    for row in facet_rows:
        total += row["n"] * scale
        for name, column in SCALAR_FACETS.items():
            counts[name][row[column]] += row["n"] * scale
    counts["tags"] = {row["tag"]: row["n"] * scale for row in tag_rows}
    # Plain dicts: the counts are kept in the cache.
    return {name: dict(values) for name, values in counts.items()}, total


def _pg_sample(matched: QuerySet) -> tuple[dict[str, dict[str, int]], int, int]:
    """Facet counts and total estimated from the sample (one entry in SAMPLE_EVERY, its own small GIN index),
    and the number of entries in the index (the planner's figure)."""
    sample = matched.filter(in_sample=True).values(*PG_FACET_COLUMNS.split(", "), "tag_text")
    m_sql, m_params = sample.query.sql_with_params()
    sql = (
        f"WITH m AS MATERIALIZED ({m_sql}), {_FACETS_SQL} "  # noqa: S608 (ORM and fixed SQL)
        "SELECT f.j, t.j, (SELECT reltuples FROM pg_class WHERE oid = 'search_searchentry'::regclass) FROM f, t"
    )
    # The tag split's row estimate alone passes jit_above_cost; compiling would cost more than the query.
    ((facet_rows, tag_rows, entries),) = _with_setting("jit", sql, m_params)
    counts, total = _read_counts(facet_rows, tag_rows, scale=SAMPLE_EVERY)
    return counts, total, max(0, int(entries or 0))


# A large result is read in the order of an index, the words checked row by row, until a page is full.
PG_INDEX_ORDER = {
    "newest": "published_at DESC NULLS LAST, id DESC",
    "top_rated": "rating DESC NULLS LAST, rating_count DESC, crowd_score DESC, id DESC",
    "best_selling": "sales DESC, boost DESC, id DESC",
}


def _pg_page_by_index(
    matched: QuerySet, tsquery: str, tsquery_params: list[str], sort: str, page: int, size: int, *, walk: bool
):
    """One page of a large result: the first matches in the order of an index.

    With `walk`, the ordered index is walked and the words checked row by row, so a common word
    never reads every match. Relevance ranks the SEARCH_LARGE_RANK_WINDOW matches with the highest
    boost by text rank and popularity; pages past it follow the boost.
    """
    offset = (page - 1) * size
    window = math.ceil(settings.SEARCH_LARGE_RANK_WINDOW / size) * size
    if sort in PG_INDEX_ORDER:
        order, ranked = PG_INDEX_ORDER[sort], False
    else:
        order, ranked = "boost DESC, id DESC", offset + size <= window
    rows = matched.annotate(pop=F("boost") * _pg_recency()).values("id", "pop", "search_vector")
    m_sql, m_params = rows.query.sql_with_params()
    if ranked:
        sql = (
            f"SELECT c.id FROM ({m_sql} ORDER BY {order} LIMIT %s) c "  # noqa: S608 (ORM and fixed SQL)
            f"ORDER BY ts_rank('{{0.1, 0.2, 0.5, 1.0}}', c.search_vector, ({tsquery})) * c.pop DESC, c.id DESC "
            "LIMIT %s OFFSET %s"
        )
        params = [*m_params, window, *tsquery_params, size, offset]
    else:
        sql = f"SELECT c.id FROM ({m_sql} ORDER BY {order} LIMIT %s OFFSET %s) c"  # noqa: S608
        params = [*m_params, size, offset]
    # The planner guesses a word's share of the catalogue badly; the sample measured it, so choose for it:
    # walk the ordered index, or read the (few) matches through the GIN bitmap and sort them.
    return [row[0] for row in _with_setting("enable_bitmapscan" if walk else "enable_indexscan", sql, params)]


def _with_setting(name: str, sql: str, params: list) -> list[tuple]:
    """The rows of `sql` run with one planner setting off, in the same round trip.

    SET LOCAL, the query and RESET go as one string: PostgreSQL runs it as one transaction
    when none is open, and inside a transaction the setting does not outlive the query.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL {name} = off; {sql}; RESET {name}", params)
        cursor.nextset()
        return cursor.fetchall()


def _pg_search(base: QuerySet, terms: list[str], sort: str, page: int, size: int, answers: QueryCache):
    """(facet counts, total, ids of the page, exact) for these words.

    Up to about SEARCH_EXACT_LIMIT matches everything is counted exactly; past it, totals and facet
    counts are estimated from the sample and the page is read along an index (`_pg_page_by_index`).
    The counts of a query (its words, filters and language: the SQL of its matches) are kept for a
    short while (search.query_cache): another page or sort of the same query reads only its page.
    """
    tsquery, tsquery_params = _pg_tsquery(terms) if terms else ("", [])
    matched = _pg_matched(base, tsquery, tsquery_params)
    counts_key = _pg_counts_key(matched)
    known = answers.get(counts_key)
    if known is None and terms:
        counts, total, entries = _pg_sample(matched)
        if total > settings.SEARCH_EXACT_LIMIT:
            known = (counts, total, entries, False)
            answers.set(counts_key, known)
    if known is not None:
        counts, total, entries, exact = known
        if exact:
            page_ids = _pg_exact(matched, terms, tsquery, tsquery_params, sort, page, size, counts=False)[2]
            return counts, total, page_ids, True
        page = min(page, _num_pages(total, size))
        # Walking an index reads about window x entries / total rows; the matches themselves are
        # fewer when the words and filters are rare enough: then let the planner read those.
        walk = total * total >= settings.SEARCH_LARGE_RANK_WINDOW * entries
        ids = _pg_page_by_index(matched, tsquery, tsquery_params, sort, page, size, walk=walk)
        return counts, total, ids, False
    counts, total, page_ids = _pg_exact(matched, terms, tsquery, tsquery_params, sort, page, size)
    answers.set(counts_key, (counts, total, 0, True))
    return counts, total, page_ids, True


def _pg_counts_key(matched: QuerySet) -> str:
    """The query's words, filters and language, normalised: the SQL of its matches."""
    return query_cache.key("counts", *matched.query.sql_with_params())


def _num_pages(total: int, size: int) -> int:
    return max(1, math.ceil(min(total, settings.SEARCH_MAX_RESULT_WINDOW) / size))


def _pg_exact(
    matched: QuerySet, terms: list[str], tsquery: str, tsquery_params: list[str], sort, page, size, *, counts=True
):
    """Facets, tag counts and one page of ids in one statement over one pass of the matches
    (without `counts`, only the page: the counts are known).

    Relevance ranks the SEARCH_RANK_WINDOW most popular matches by text rank; matches
    past the window follow popularity.
    """
    matched = matched.annotate(pop=F("boost") * _pg_recency()).values(
        "id",
        *PG_FACET_COLUMNS.split(", "),
        "tag_text",
        "pop",
        "published_at",
        "rating",
        "rating_count",
        "crowd_score",
        "sales",
    )
    m_sql, m_params = matched.query.sql_with_params()
    window = math.ceil(search_rules.RANK_WINDOW / size) * size
    offset = (page - 1) * size
    if sort in PG_ORDER or not terms:
        page_sql = f"SELECT id FROM m ORDER BY {PG_ORDER.get(sort, 'pop DESC, id DESC')} LIMIT %s OFFSET %s"  # noqa: S608
        page_params = [size, offset]
    elif offset + size <= window:
        # Fixed SQL; the words are parameters.
        page_sql = (
            "SELECT c.id FROM (SELECT id, pop FROM m ORDER BY pop DESC, id DESC LIMIT %s) c "  # noqa: S608
            "JOIN search_searchentry e ON e.id = c.id "
            f"ORDER BY ts_rank('{{0.1, 0.2, 0.5, 1.0}}', e.search_vector, ({tsquery})) * c.pop DESC, c.id DESC "
            "LIMIT %s OFFSET %s"
        )
        page_params = [window, *tsquery_params, size, offset]
    else:
        page_sql = "SELECT id FROM m ORDER BY pop DESC, id DESC LIMIT %s OFFSET %s"
        page_params = [size, offset]
    page_cte = (
        "p AS (SELECT coalesce(json_agg(z.id ORDER BY z.o), '[]'::json) AS j FROM "  # noqa: S608 (fixed SQL)
        f"(SELECT id, row_number() OVER () AS o FROM ({page_sql}) s) z)"
    )
    if not counts:
        sql = f"WITH m AS MATERIALIZED ({m_sql}), {page_cte} SELECT p.j FROM p"  # noqa: S608 (as below)
        ((page_ids,),) = _with_setting("jit", sql, [*m_params, *page_params])
        return None, None, page_ids
    sql = (
        f"WITH m AS MATERIALIZED ({m_sql}), {_FACETS_SQL}, {page_cte} "  # noqa: S608 (built from the ORM and fixed strings; values are parameters)
        "SELECT f.j, t.j, p.j FROM f, t, p"
    )
    # Row estimates for the tag split are high; JIT compiling would cost more than the query.
    ((facet_rows, tag_rows, page_ids),) = _with_setting("jit", sql, [*m_params, *page_params])
    facet_counts, total = _read_counts(facet_rows, tag_rows)
    return facet_counts, total, page_ids


class Matched:
    """SQLite: the entries that match the words and filters, and how to rank them (bm25 x popularity)."""

    def __init__(self, base: QuerySet, terms: list[str]):
        self.terms = terms
        self.ranks: dict[int, float] = _fts_ranks(terms) if terms else {}
        self.qs = base.filter(pk__in=list(self.ranks)) if terms else base

    def ordered(self, sort: str) -> QuerySet | list[int]:
        """A queryset in order, or (SQLite relevance) the ordered list of ids."""
        if sort == "newest":
            return self.qs.order_by(F("published_at").desc(nulls_last=True), "-pk")
        if sort == "top_rated":
            return self.qs.order_by(F("rating").desc(nulls_last=True), "-rating_count", "-crowd_score", "-pk")
        if sort == "best_selling":
            return self.qs.order_by("-sales", "-boost", "-pk")
        if not self.terms:
            return self.qs.order_by("-boost", "-id")
        rows = self.qs.values_list("pk", "boost", "published_at")
        scored = sorted(rows, key=lambda r: (-self.ranks.get(r[0], 0) * r[1] * _recency(r[2]), -r[0]))
        return [r[0] for r in scored]


def apply_filters(qs: QuerySet, filters: dict[str, list[str]]) -> QuerySet:
    for name, values in filters.items():
        if not values:
            continue
        if name == "tags" and _is_postgres():
            # Every chosen tag must be present: the tag array's GIN index, intersected with the word's.
            qs = qs.extra(where=[f"{TAG_ARRAY_SQL} @> %s::text[]"], params=[list(values)])  # noqa: S610 (fixed SQL)
        elif name == "tags":
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


def corrections(terms: list[str], answers: QueryCache | None = None) -> dict[str, str]:
    """Unknown words -> the closest known word (kept with the query's other answers)."""
    if answers is None:
        return _corrections(terms)
    cache_key = query_cache.key("corrections", terms)
    fixed = answers.get(cache_key)
    if fixed is None:
        fixed = _corrections(terms)
        answers.set(cache_key, fixed)
    return fixed


def _corrections(terms: list[str]) -> dict[str, str]:
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


def in_page_language(qs: QuerySet) -> QuerySet:
    """Stories are indexed once per translation: keep the ones in the language of the page asking."""
    language = get_language() or settings.LANGUAGE_CODE
    prefix = f"/{language}/"
    if language == settings.LANGUAGE_CODE:
        others = [f"/{code}/" for code, _name in settings.LANGUAGES if code != language]
        for other in others:
            qs = qs.exclude(kind="story", url__startswith=other)
        return qs
    return qs.exclude(Q(kind="story") & ~Q(url__startswith=prefix))


def localized_url(kind: str, url: str) -> str:
    """Designs, products and makers are indexed with language-neutral paths: give the page's language."""
    if kind == "story":
        return url
    return path_in_language(url, get_language() or settings.LANGUAGE_CODE)


_KIND_LABELS: dict[tuple[str, str | None], str] = {}


def _kind_label(kind: str) -> str:
    """The kind's translated name, looked up once per kind and language (not once per hit)."""
    key = (kind, get_language())
    if key not in _KIND_LABELS:
        source = get_source(kind)
        _KIND_LABELS[key] = str(source.label) if source else kind
    return _KIND_LABELS[key]


def _hit(entry: SearchEntry, terms: list[str]) -> Hit:
    return Hit(
        kind=entry.kind,
        kind_label=_kind_label(entry.kind),
        object_id=entry.object_id,
        title=entry.title,
        title_html=snippet(entry.title, terms, length=200),
        url=localized_url(entry.kind, entry.url),
        snippet=snippet(entry.body or entry.subtitle, terms),
        image_url=entry.image_url,
        subtitle=entry.subtitle,
        state=entry.state,
        price=str(entry.price) if entry.price is not None else "",
        rating=entry.rating,
        rating_count=entry.rating_count,
    )


def popular(limit: int = POPULAR_SIZE) -> list[Hit]:
    entries = SearchEntry.objects.filter(kind="design").order_by("-boost", "-id")[:limit]
    return [_hit(e, []) for e in entries]


def _entries(ids: list[int]) -> list[SearchEntry]:
    by_id = SearchEntry.objects.defer("search_vector", "title_vector", "tag_text").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def _run(base: QuerySet, terms: list[str], request: SearchQuery, page: int, answers: QueryCache):
    """(facet counts, total, ids of the page, whether the counts are exact) for these words."""
    if _is_postgres():
        return _pg_search(base, terms, request.sort, page, request.page_size, answers)
    matched = Matched(base, terms)
    counts, total = facet_counts(matched.qs)
    ordered = matched.ordered(request.sort)
    start = (page - 1) * request.page_size
    if not isinstance(ordered, list):
        ordered = ordered.values_list("pk", flat=True)
    return counts, total, list(ordered[start : start + request.page_size]), True


def search(request: SearchQuery) -> SearchResult:
    result = SearchResult(
        query=request.text, sort=request.sort, filters=request.filters, page_size=request.page_size, backend="database"
    )
    if request.is_empty:
        result.popular = popular()
        return result
    base = apply_filters(in_page_language(SearchEntry.objects.all()), request.filters)
    terms = request.terms
    answers = QueryCache()
    # The answers this search may reuse, in one round trip: the spelling check and the counts.
    keys = [query_cache.key("corrections", terms)] if terms else []
    if _is_postgres():
        keys.append(_pg_counts_key(_pg_matched(base, *(_pg_tsquery(terms) if terms else ("", [])))))
    answers.prefetch(keys)
    fixed = corrections(terms, answers) if terms else {}
    if fixed:
        result.suggestion = " ".join(fixed.get(t, t) for t in terms)
    counts, total, page_ids, exact = _run(base, terms, request, request.page, answers)
    if not total and fixed:
        terms = [fixed.get(t, t) for t in terms]
        counts, total, page_ids, exact = _run(base, terms, request, request.page, answers)
        result.corrected = bool(total)
    result.total = total
    result.total_exact = exact
    result.facets = build_facets(counts, request.filters)
    result.num_pages = (
        _num_pages(total, request.page_size) if not exact else max(1, math.ceil(total / request.page_size))
    )
    result.page = min(request.page, result.num_pages)
    if result.page != request.page and total and exact:
        counts, total, page_ids, exact = _run(base, terms, request, result.page, answers)
    result.hits = [_hit(entry, terms) for entry in _entries(page_ids)]
    if not total:
        result.popular = popular()
    return result


SUGGEST_WALK = 2000


def _pg_suggest_walk(qs: QuerySet, tsquery: str, limit: int) -> list[SearchEntry]:
    """The first `limit` of the SUGGEST_WALK best-boosted entries whose title matches, read in boost order.

    The outer query has no ORDER BY of its own, so PostgreSQL reads the boost index row by row and
    stops at the `limit`-th match (a common prefix: a few dozen rows); `ts_match_vq` is the function
    behind `@@`, which keeps the planner from expanding a short prefix over the title index instead.
    """
    fields = ["id", "kind", "title", "url", "image_url"]
    inner = qs.order_by("-boost", "-id").values(*fields, "title_vector")[:SUGGEST_WALK]
    inner_sql, inner_params = inner.query.sql_with_params()
    columns = ", ".join(f"walk.{name}" for name in fields)
    sql = (
        f"SELECT {columns} FROM ({inner_sql}) AS walk "  # noqa: S608 (the ORM's own SQL; words are parameters)
        "WHERE ts_match_vq(walk.title_vector, to_tsquery('simple', %s)) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, tsquery, limit])
        return [SearchEntry(**dict(zip(fields, row, strict=True))) for row in cursor.fetchall()]


def _pg_suggest(qs: QuerySet, complete: list[str], prefix: str, limit: int) -> list[SearchEntry]:
    """The `limit` best-known entries whose title has the complete words and a word starting with `prefix`.

    A short prefix stands for many words of the title index (`c:*` for every word starting with c), and
    reading all their entries to keep the best eight took most of the time. So first the
    SUGGEST_WALK entries with the highest boost are read in that order (an index) and their titles
    checked until `limit` match (`_pg_suggest_walk`): if `limit` of them match, they are the answer
    (no other match ranks higher). Otherwise the matches are few: the complete words are looked up in
    the title index and the prefix is checked row by row (`ts_match_vq`, the function behind `@@`,
    which no index serves); a lone prefix is looked up in the index.
    """
    # Words hold only [a-z0-9] (search.text.query_terms): safe inside to_tsquery's syntax.
    tsquery = " & ".join([*complete, f"{prefix}:*"])
    fields = ("kind", "title", "url", "image_url")
    matches = "search_searchentry.title_vector @@ to_tsquery('simple', %s)"
    walked = _pg_suggest_walk(qs, tsquery, limit)
    if len(walked) >= limit:
        return walked
    if complete:
        where = [matches, "ts_match_vq(search_searchentry.title_vector, to_tsquery('simple', %s))"]
        params = [" & ".join(complete), tsquery]
    else:
        where, params = [matches], [tsquery]
    return list(
        qs.extra(where=where, params=params)  # noqa: S610 (fixed SQL; the words are parameters)
        .order_by("-boost", "-id")
        .only(*fields)[:limit]
    )


def suggest(terms: list[str], limit: int) -> list[Suggestion]:
    if not terms or len(terms[-1]) < 2 and len(terms) == 1:
        return []
    qs = in_page_language(SearchEntry.objects.all())
    *complete, prefix = terms
    if _is_postgres():
        entries = _pg_suggest(qs, complete, prefix, limit)
    else:
        match = "{doc_a} : (" + " AND ".join([*(f'"{t}"' for t in complete), f'"{prefix}"*']) + ")"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s", [match, SQLITE_CANDIDATES]
            )
            qs = qs.filter(pk__in=[row[0] for row in cursor.fetchall()])
        entries = qs.order_by("-boost", "-id").only("kind", "title", "url", "image_url")[:limit]
    out = []
    for entry in entries:
        source = get_source(entry.kind)
        out.append(
            Suggestion(
                entry.kind,
                source.label if source else entry.kind,
                entry.title,
                localized_url(entry.kind, entry.url),
                entry.image_url,
            )
        )
    return out
