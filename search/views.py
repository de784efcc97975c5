from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.api import search_catalog, suggest
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
    result = search_catalog(
        request.GET.get("q", ""), filters=request.GET, sort=request.GET.get("sort"), page=request.GET.get("page", 1)
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "search/search.html",
        {"result": result, "sort_choices": _sort_choices(), "page_query": params.urlencode()},
    )


@require_GET
def suggest_view(request):
    suggestions = suggest(request.GET.get("q", ""))
    return JsonResponse({"query": request.GET.get("q", "")[:200], "suggestions": [s.as_dict() for s in suggestions]})
