from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.views import csrf_token, floor, healthz, switch_language
from core.consent import consent_set
from core.media import serve_media

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/floor", floor, name="floor"),
    path("csrf-token", csrf_token, name="csrf_token"),
    path("", include("config.seo_urls")),
    path("", include("config.pwa")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", switch_language, name="set_language"),
    path("consent/", consent_set, name="consent"),
    # The JSON API answers at one address in every language (Accept-Language picks the messages).
    path("", include("api.urls")),
    # Uploaded media, permission-checked, in development and production alike (core/media.py).
    re_path(r"^{}(?P<path>.+)$".format(settings.MEDIA_URL.lstrip("/")), serve_media, name="media"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# English lives at the root, German under /de/.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("notifications.urls")),
    path("", include("community.urls")),
    path("", include("designs.urls")),
    path("", include("makers.urls")),
    path("", include("live.urls")),
    path("", include("voting.urls")),
    path("", include("shop.urls")),
    path("", include("editorial.urls")),
    path("", include("search.urls")),
    path("", include("api.account_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
