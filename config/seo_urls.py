"""sitemap.xml (an index of sections, each in both languages) and robots.txt: outside the language prefixes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.http import http_date
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from designs.sitemaps import DesignSitemap
from editorial.sitemaps import CollectionSitemap, PageSitemap, StorySitemap
from live.sitemaps import LiveShowSitemap
from makers.sitemaps import MakerSitemap
from shop.sitemaps import ProductSitemap
from voting.sitemaps import ChallengeSitemap

SITEMAPS = {
    "pages": PageSitemap,
    "designs": DesignSitemap,
    "products": ProductSitemap,
    "makers": MakerSitemap,
    "challenges": ChallengeSitemap,
    "collections": CollectionSitemap,
    "stories": StorySitemap,
    "live": LiveShowSitemap,
}

# Private or endless pages, in every language.
ROBOTS_DISALLOW = ["/search/", "/shop/cart/", "/shop/checkout/", "/shop/orders/", "/account/", "/accounts/"]
ROBOTS_DISALLOW += ["/dashboard/", "/makers/settings/", "/makers/payouts/", "/admin/", "/django-admin/"]


@require_safe
@cache_control(max_age=3600)
def sitemap_index(request):
    sections = []
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = request.build_absolute_uri(reverse("sitemap_section", kwargs={"section": name}))
        for number in range(1, sitemap.paginator.num_pages + 1):
            location = url if number == 1 else f"{url}?p={number}"
            sections.append({"location": location, "last_mod": None})
    return render(request, "sitemap_index.xml", {"sitemaps": sections}, content_type="application/xml")


@require_safe
@cache_control(max_age=3600)
def sitemap_section(request, section: str):
    sitemap_class = SITEMAPS.get(section)
    if sitemap_class is None:
        raise Http404("No such sitemap section.")
    sitemap = sitemap_class()
    try:
        urls = sitemap.get_urls(page=request.GET.get("p", 1), site=RequestSite(request), protocol=request.scheme)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404("No such sitemap page.") from exc
    response = render(request, "sitemap.xml", {"urlset": urls}, content_type="application/xml")
    lastmods = [url["lastmod"] for url in urls if url["lastmod"]]
    if lastmods:
        response.headers["Last-Modified"] = http_date(max(lastmods).timestamp())
    return response


@require_safe
@cache_control(max_age=3600)
def robots_txt(request):
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {prefix}{path}" for prefix in prefixes for path in ROBOTS_DISALLOW]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
]
