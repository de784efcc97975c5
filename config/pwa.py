"""The installable web app: manifest, service worker, offline page, share target.

The service worker caches the shell (offline page, CSS, JS, icons) and static files only;
pages are always fetched from the network, so personal pages and the cart are never cached.
When the network is gone, a page request gets the offline page instead.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.http import is_safe_url

THEME_COLOUR = "#b4361f"
BACKGROUND_COLOUR = "#ffffff"
SHELL_SCRIPTS = ("js/site.js", "js/forms.js", "js/search.js", "js/share.js", "js/pwa.js")
SHELL_FILES = ("css/site.css", *SHELL_SCRIPTS, "img/icon.svg", "img/pwa/icon-192.png", "img/pwa/icon-512.png")


@require_safe
@cache_control(max_age=3600)
def manifest(request):
    data = {
        "id": "/",
        "name": "Commonmade",
        "short_name": "Commonmade",
        "description": _("Designs by makers, chosen by the community, made into products."),
        "start_url": "/?source=pwa",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "lang": request.LANGUAGE_CODE,
        "categories": ["shopping", "lifestyle"],
        "icons": [
            {"src": static("img/pwa/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": static("img/pwa/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {
                "src": static("img/pwa/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("img/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
        "shortcuts": [
            {"name": _("Designs"), "url": "/designs/"},
            {"name": _("Challenges"), "url": "/challenges/"},
            {"name": _("Shop"), "url": "/shop/"},
        ],
        # Sharing a link into the installed app opens it here (share_target below).
        "share_target": {
            "action": "/share/",
            "method": "GET",
            "params": {"title": "title", "text": "text", "url": "url"},
        },
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


def _shell_urls() -> list[str]:
    return ["/offline/", *(static(name) for name in SHELL_FILES)]


@require_safe
def service_worker(request):
    shell = _shell_urls()
    # The cache name changes whenever a shell file's URL changes (hashed names in production).
    version = hashlib.sha256("\n".join(shell).encode()).hexdigest()[:12]
    response = render(
        request,
        "pwa/sw.js",
        {"shell": json.dumps(shell), "version": version, "offline_url": "/offline/"},
        content_type="application/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
@cache_control(max_age=3600)
def offline(request):
    return render(request, "pwa/offline.html")


@require_safe
def share_target(request):
    """A link shared into the installed app: our own links open, anything else becomes a search."""
    words = " ".join(request.GET.get(name, "") for name in ("url", "text")).split()
    for word in words:
        if word.startswith(("http://", "https://", "/")) and is_safe_url(request, word):
            return redirect(word)
    query = " ".join(request.GET.get(name, "") for name in ("title", "text")).replace("\x00", "").strip()
    if not query:
        return redirect("/")
    return redirect("/search/?" + urlencode({"q": query[:200]}))


urlpatterns = [
    path("manifest.webmanifest", manifest, name="pwa_manifest"),
    path("sw.js", service_worker, name="pwa_service_worker"),
    path("offline/", offline, name="pwa_offline"),
    path("share/", share_target, name="pwa_share_target"),
]
