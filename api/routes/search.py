"""Search and suggest, through search.api (Elasticsearch or the database, whichever answers)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router

from api import present
from api.routes.common import with_errors
from api.schemas import SearchOut, SuggestOut
from search import api as search_api
from search.forms import parse_query, parse_suggest_query
from search.results import SORTS

router = Router(tags=["search"])

SortParam = Literal[SORTS]  # type: ignore[valid-type]


@router.get(
    "/search/",
    response=with_errors({200: SearchOut}),
    summary="Search designs, products, makers and stories",
    description="Facet filters as on the site: kind, category, tags, product_type, state, price, rating "
    "(each may repeat). Unknown filters and values are ignored. Pages are numbered (the search backend's own paging).",
)
def search(
    request: HttpRequest,
    q: str = Query("", max_length=200),
    sort: SortParam = Query("relevance"),
    page: int = Query(1, ge=1, le=1000),
    kind: list[str] = Query([], max_length=10),
    category: list[str] = Query([], max_length=10),
    tags: list[str] = Query([], max_length=10),
    product_type: list[str] = Query([], max_length=10),
    state: list[str] = Query([], max_length=10),
    price: list[str] = Query([], max_length=10),
    rating: list[str] = Query([], max_length=10),
):
    filters = {
        "kind": kind,
        "category": category,
        "tags": tags,
        "product_type": product_type,
        "state": state,
        "price": price,
        "rating": rating,
    }
    result = search_api.search_catalog(parse_query(q, filters=filters, sort=sort, page=page))
    return {
        "query": result.query,
        "total": result.total,
        "total_exact": result.total_exact,
        "page": result.page,
        "num_pages": result.num_pages,
        "suggestion": result.suggestion,
        "corrected": result.corrected,
        "backend": result.backend,
        "items": [
            {
                "kind": hit.kind,
                "title": hit.title,
                "url": present.absolute(request, hit.url),
                "image": present.absolute(request, hit.image_url),
                "subtitle": hit.subtitle,
                "price": hit.price,
                "rating": hit.rating,
            }
            for hit in result.hits
        ],
    }


@router.get("/search/suggest/", response=with_errors({200: SuggestOut}), summary="Autocomplete titles")
def suggest(request: HttpRequest, q: str = Query("", max_length=200)):
    return {
        "items": [
            {
                "kind": s.kind,
                "title": s.title,
                "url": present.absolute(request, s.url),
                "image": present.absolute(request, s.image_url),
            }
            for s in search_api.suggest(parse_suggest_query(q))
        ]
    }
