"""The site's URLs, plus a minimal design page while the designs app has none of its own."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import NoReverseMatch, include, path, reverse

from config.urls import urlpatterns as site_urlpatterns
from designs.models import Design


def _has_design_page() -> bool:
    try:
        reverse("designs:detail", urlconf="config.urls", kwargs={"slug": "x"})
    except NoReverseMatch:
        return False
    return True


PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}<h1>{{ design.title }}</h1>'
    '{% include "voting/design_panel.html" %}{% endblock %}'
)


def design_detail(request, slug):
    design = get_object_or_404(Design, slug=slug)
    return HttpResponse(PAGE.render({"design": design, "user": request.user}, request))


urlpatterns = list(site_urlpatterns)
if not _has_design_page():
    stub = [path("designs/<slug:slug>/", design_detail, name="detail")]
    urlpatterns = [path("", include((stub, "designs"), namespace="designs")), *urlpatterns]
