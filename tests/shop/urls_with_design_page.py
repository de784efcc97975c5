"""The site's URLs plus a stand-in design page (`designs:detail`), which this branch does not build.

Publishing a product moves its design to on_sale, and the maker's notification links to the design page.
"""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as site_patterns

design_patterns = ([path("designs/<slug:slug>/", lambda request, slug: HttpResponse(slug), name="detail")], "designs")

urlpatterns = [path("", include(design_patterns)), *site_patterns]
