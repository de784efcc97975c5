from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core import params
from search import rules as search_rules
from search.api import search_catalog, suggest
from search.forms import parse_query, parse_suggest_query
from search.results import SORTS


def _sort_choices():
    from django.utils.translation import gettext as _

    labels = {
        "relevance": _("Relevance"),
        "newest": _("Newest"),
        "top_rated": _("Top rated"),
        "best_selling": _("Best selling"),
    }
    return [(key, labels[key]) for key in SORTS]


@require_GET
def search_page(request):
    search_query = parse_query(
        params.text(request.GET, "q", max_length=search_rules.MAX_QUERY_LENGTH),
        filters=request.GET,
        sort=params.text(request.GET, "sort", max_length=20),
        page=params.page_number(request),
    )
    result = search_catalog(search_query)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "search/search.html",
        {"result": result, "sort_choices": _sort_choices(), "page_query": query.urlencode()},
    )


@require_GET
def suggest_view(request):
    text = params.text(request.GET, "q", max_length=200)
    suggestions = suggest(parse_suggest_query(text))
    return JsonResponse({"query": text, "suggestions": [s.as_dict() for s in suggestions]})
