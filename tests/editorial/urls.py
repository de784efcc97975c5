"""The site's URLs, plus a stand-in design page when the designs app has no pages yet.

Designs services link notifications to the design page (`designs:detail`); this lets the
editorial tests call those services in a tree where the design pages are not built yet.
"""

import importlib.util

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = list(site_urlpatterns)

if importlib.util.find_spec("designs.urls") is None:

    def _design_placeholder(request, slug):
        return HttpResponse(slug)

    urlpatterns.insert(
        0,
        path(
            "designs/",
            include(([path("<slug:slug>/", _design_placeholder, name="detail")], "designs"), namespace="designs"),
        ),
    )
