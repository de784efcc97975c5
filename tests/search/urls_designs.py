"""The project's URLs plus the design detail URL name, for services that link to a design."""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path(
        "",
        include(([path("designs/<slug:slug>/", lambda request, slug: HttpResponse(slug), name="detail")], "designs")),
    ),
    *project_urlpatterns,
]
