"""The one way into search: views and other apps call these two functions only.

The backend is Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise;
if Elasticsearch does not answer, the database answers instead and the fallback
is logged, so the page still works.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from django.conf import settings

from search import rules as search_rules
from search.backends import database
from search.indexing import RATING_BANDS, price_band_choices
from search.results import FACETS, SORTS, SearchRequest, SearchResult, Suggestion
from search.sources import kinds
from search.text import fold, query_terms

logger = logging.getLogger(__name__)

MAX_FILTER_VALUES = 10
_OPEN_VALUE = re.compile(r"^[\w][\w .&'+-]{0,99}$")


def _clean_page(page) -> int:
    try:
        return max(1, min(int(page), 1_000_000))
    except (TypeError, ValueError):
        return 1


def _allowed(name: str) -> set[str] | None:
    """The values a facet may take, or None when any tidy value is fine (matched, not trusted)."""
    if name == "kind":
        return set(kinds())
    if name == "price":
        return set(price_band_choices())
    if name == "rating":
        return set(RATING_BANDS)
    return None


def clean_filters(filters: Mapping | None) -> dict[str, list[str]]:
    """Known facets only; values checked, de-duplicated and capped. Unknown values are dropped."""
    cleaned: dict[str, list[str]] = {}
    if not filters:
        return cleaned
    for name in FACETS:
        raw = filters.getlist(name) if hasattr(filters, "getlist") else filters.get(name, [])
        if isinstance(raw, str):
            raw = [raw]
        allowed = _allowed(name)
        values = []
        for value in raw or []:
            value = str(value).strip()[:100]
            if not value or value in values:
                continue
            if (allowed is not None and value in allowed) or (allowed is None and _OPEN_VALUE.match(value)):
                values.append(fold(value) if name == "tags" else value)
        if values:
            cleaned[name] = values[:MAX_FILTER_VALUES]
    return cleaned


def build_request(query: str | None, filters: Mapping | None = None, sort: str | None = None, page=1) -> SearchRequest:
    text = (query or "")[: search_rules.MAX_QUERY_LENGTH].strip()
    return SearchRequest(
        text=text,
        terms=query_terms(text),
        filters=clean_filters(filters),
        sort=sort if sort in SORTS else "relevance",
        page=_clean_page(page),
        page_size=search_rules.PAGE_SIZE,
    )


def search_catalog(
    query: str | None, filters: Mapping | None = None, sort: str | None = None, page: int | str | None = 1
) -> SearchResult:
    """Search designs, makers (and products and stories once registered).

    Any input is safe: the query is cut to SEARCH_MAX_QUERY_LENGTH and reduced to
    words, unknown filters and sorts are ignored, the page is clamped to 1..last.
    """
    request = build_request(query, filters, sort, page)
    if settings.ELASTICSEARCH_URL and not request.is_empty:
        from search import elastic

        try:
            result = elastic.search(request)
            if not result.total:
                result.popular = database.popular()
            return result
        except elastic.UNAVAILABLE:
            logger.warning("Elasticsearch did not answer; searching the database instead", exc_info=True)
            result = database.search(request)
            result.degraded = True
            return result
    return database.search(request)


def suggest(query: str | None) -> list[Suggestion]:
    """Autocomplete: the best-known titles whose words start with what was typed."""
    terms = query_terms((query or "")[: search_rules.MAX_QUERY_LENGTH])
    limit = search_rules.SUGGEST_LIMIT
    if not terms:
        return []
    if settings.ELASTICSEARCH_URL:
        from search import elastic

        try:
            return elastic.suggest(terms, limit)
        except elastic.UNAVAILABLE:
            logger.warning("Elasticsearch did not answer; suggesting from the database instead", exc_info=True)
    return database.suggest(terms, limit)
