"""Search parameters read at the edge: the site's views and the API build a SearchQuery here, search.api takes it.

Any input reads: the query is cut to the longest allowed and reduced to words, unknown filters, values and
sorts are dropped, the page is a whole number from 1 (the backend clamps it to the last page).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from search import rules as search_rules
from search.indexing import RATING_BANDS, price_band_choices
from search.results import FACETS, SORTS, SearchQuery
from search.sources import kinds
from search.text import fold, query_terms

MAX_FILTER_VALUES = 10
MAX_PAGE = 1_000_000
_OPEN_VALUE = re.compile(r"^[\w][\w .&'+-]{0,99}$")


def _clean_page(page) -> int:
    try:
        return max(1, min(int(page), MAX_PAGE))
    except (TypeError, ValueError, OverflowError):
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


def parse_query(text: str | None, filters: Mapping | None = None, sort: str | None = None, page=1) -> SearchQuery:
    """A SearchQuery from raw parameters: the query text, facet filters (a QueryDict or a dict), sort, page."""
    text = (text or "")[: search_rules.MAX_QUERY_LENGTH].strip()
    return SearchQuery(
        text=text,
        terms=query_terms(text),
        filters=clean_filters(filters),
        sort=sort if sort in SORTS else "relevance",
        page=_clean_page(page),
        page_size=search_rules.PAGE_SIZE,
    )


def parse_suggest_query(text: str | None) -> SearchQuery:
    """What was typed so far, as a SearchQuery of its words (autocomplete reads the terms only)."""
    return parse_query(text)
