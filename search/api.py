"""The one way into search: views and other apps call these two functions only.

The backend is Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise;
if Elasticsearch does not answer, the database answers instead and the fallback
is logged, so the page still works.
"""

from __future__ import annotations

import logging

from django.conf import settings

from search import rules as search_rules
from search.backends import database
from search.results import SearchQuery, SearchResult, Suggestion

logger = logging.getLogger(__name__)


def _require_query(query: SearchQuery) -> None:
    if not isinstance(query, SearchQuery):
        raise TypeError(f"A SearchQuery (search.forms.parse_query reads one), not {type(query).__name__}")


def search_catalog(query: SearchQuery) -> SearchResult:
    """Search designs, makers, products and stories.

    The query is read and checked at the edge (search.forms.parse_query): words, known filters, a sort
    and a page from 1; a page past the last answers the last.
    """
    _require_query(query)
    if settings.ELASTICSEARCH_URL and not query.is_empty:
        from search import elastic

        try:
            result = elastic.search(query)
            if not result.total:
                result.popular = database.popular()
            return result
        except elastic.UNAVAILABLE:
            logger.warning("Elasticsearch did not answer; searching the database instead", exc_info=True)
            result = database.search(query)
            result.degraded = True
            return result
    return database.search(query)


def suggest(query: SearchQuery) -> list[Suggestion]:
    """Autocomplete: the best-known titles whose words start with what was typed."""
    _require_query(query)
    terms = query.terms
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
