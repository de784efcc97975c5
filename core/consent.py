"""Consent to cookies that are not strictly necessary (§ 25 TTDDG, GDPR).

The session, CSRF and language cookies are necessary and need none. A cookie that is not (today
only the referral cookie: shop/referrals.py) is set only after the visitor said yes. The
answer itself is kept in `cm_consent` ("yes" or "no", a year): storing a refusal or a consent is
necessary to respect it.

The banner is asked for only where there is something to consent to (a page reached through a
?ref= link) and only while the visitor has not answered. It carries no per-visitor content (no
CSRF token, no name), so a page with it stays cacheable: the page cache keys pages by the consent
state (core/pagecache.py), three variants at most. The form works without JavaScript; its POST is
accepted only from this site's own pages (Origin or Referer), so no other site can consent for
a visitor.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.http import safe_next_url

COOKIE = "cm_consent"
YES, NO = "yes", "no"
MAX_AGE = 365 * 24 * 3600
# Query parameters that ask for a cookie only a consent allows (shop.referrals.PARAM).
ASKING_PARAMS = ("ref",)


def state(request: HttpRequest) -> str:
    """ "yes", "no", or "" while the visitor has not answered."""
    value = request.COOKIES.get(COOKIE, "")
    return value if value in (YES, NO) else ""


def given(request: HttpRequest) -> bool:
    return state(request) == YES


def _next_without_asking_params(request: HttpRequest, raw: str | None) -> str:
    target = safe_next_url(request, raw)
    parts = urlsplit(target)
    if not parts.query:
        return target
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ASKING_PARAMS]
    return parts.path + (f"?{urlencode(kept)}" if kept else "")


def _same_origin(request: HttpRequest) -> bool:
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return bool(source) and urlsplit(source).netloc == request.get_host()


@csrf_exempt  # a token would make every page with the banner per-visitor; the origin check stands in
@require_POST
def consent_set(request: HttpRequest) -> HttpResponse:
    """The banner's form: remember yes or no and go back to the page (keeping its ?ref= on yes)."""
    if not _same_origin(request):
        return HttpResponseBadRequest("cross-site consent refused")
    choice = YES if request.POST.get("choice") == "accept" else NO
    raw_next = request.POST.get("next")
    target = safe_next_url(request, raw_next) if choice == YES else _next_without_asking_params(request, raw_next)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        COOKIE,
        choice,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def banner(request) -> dict:
    """Context processor: whether this page asks for consent."""
    if request is None or state(request):
        return {"consent_banner": False}
    asking = any(request.GET.get(name) for name in ASKING_PARAMS)
    return {"consent_banner": asking, "consent_next": request.get_full_path() if asking else ""}
