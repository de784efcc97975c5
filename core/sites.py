"""The site's own address for links that leave the site (emails, feeds), built like allauth builds them."""

from __future__ import annotations

from django.conf import settings

UNCONFIGURED = {"", "example.com", "localhost", "localhost:80"}


def site_url(request=None) -> str:
    """ "https://host[:port]" without a trailing slash.

    In a request: the address the visitor used. Outside one (tasks, emails): SITE_URL when it is set in the
    environment, else the Sites framework's domain (as allauth's sign-up emails use it), else the Wagtail
    default site, else the SITE_URL default.
    """
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    if settings.SITE_URL_FROM_ENVIRONMENT:
        return settings.SITE_URL
    protocol = getattr(settings, "ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
    try:
        from django.contrib.sites.models import Site

        domain = Site.objects.get_current().domain
    except Exception:  # noqa: BLE001 (no sites table yet: fall through)
        domain = ""
    if domain and domain not in UNCONFIGURED:
        return f"{protocol}://{domain}"
    try:
        from wagtail.models import Site as WagtailSite

        default = WagtailSite.objects.filter(is_default_site=True).first()
    except Exception:  # noqa: BLE001
        default = None
    if (
        default is not None
        and f"{default.hostname}:{default.port}" not in UNCONFIGURED
        and default.hostname not in UNCONFIGURED
    ):
        return default.root_url.rstrip("/")
    return settings.SITE_URL


def absolute_url(path: str, request=None) -> str:
    if path.startswith(("http://", "https://")):
        return path
    if not path:
        return site_url(request)
    return f"{site_url(request)}{path if path.startswith('/') else '/' + path}"
