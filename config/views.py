"""Site-wide views that belong to no app."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from core.http import safe_next_url

logger = logging.getLogger(__name__)
OK, DEGRADED, DOWN = "ok", "degraded", "down"


def database_answers(alias: str = "default") -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("health check: database %s does not answer", alias)
        return False


def cache_status() -> str:
    from django.core.cache import cache

    ping = getattr(cache, "ping", None)
    if ping is None:  # local memory: nothing outside the process to lose
        return OK
    return OK if ping() else DOWN


def broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return OK  # tasks run inline: no broker to reach
    from config.celery import BROKER_UNAVAILABLE, app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
    except BROKER_UNAVAILABLE:
        logger.warning("health check: the Celery broker does not answer")
        return DOWN
    return OK


def search_status() -> str:
    if not settings.ELASTICSEARCH_URL:
        return OK  # the database searches
    from search import elastic

    try:
        answered = elastic.client().ping()
    except elastic.UNAVAILABLE:
        answered = False
    # The database answers searches while Elasticsearch is away: degraded, not down.
    return OK if answered else DEGRADED


def stripe_status() -> str:
    """Configuration only: a probe must not call Stripe on every check."""
    keys = (settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY, settings.STRIPE_WEBHOOK_SECRET)
    if all(keys):
        return OK
    return DEGRADED if settings.STRIPE_SECRET_KEY else DOWN


@never_cache
@require_safe
def healthz(request):
    """Each dependency as ok, degraded or down; 200 while the database answers, 503 when it does not."""
    if not database_answers():
        return JsonResponse({"status": DOWN, "database": DOWN}, status=503)
    checks = {
        "database": OK,
        "cache": cache_status(),
        "broker": broker_status(),
        "search": search_status(),
        "stripe": stripe_status(),
    }
    overall = OK if all(value == OK for value in checks.values()) else DEGRADED
    return JsonResponse({"status": overall, **checks})


@require_safe
def floor(request):
    """The framework floor for benchmarks/load.py: the full middleware stack, no database, a constant body."""
    return HttpResponse(b"ok", content_type="text/plain")


@never_cache
@require_safe
def csrf_token(request):
    """A CSRF token (and its cookie) for a form on a page cached for every visitor.

    Pages in the shared page cache carry no token (it would be one visitor's, handed to all); their
    forms (a guest's add-to-cart) ask here by script just before they are sent.
    """
    from django.middleware.csrf import get_token

    return JsonResponse({"token": get_token(request)})


# No CSRF token for visitors: the switch only sets the language cookie (no harm if forged), and a
# token in the footer would give every anonymous page a cookie, so no page could be cached.
# Members' pages are never cached: their switch carries a token and is checked here.
@csrf_exempt
@require_POST
def switch_language(request):
    """Like Django's set_language, but trusts the target path the page computed.

    Django's version translates `next` again, which Wagtail's catch-all URL turns into
    "/de/de/…"; the language switcher already sends the translated path.
    """
    if request.user.is_authenticated:
        # A member's choice is saved to the profile: that part needs the CSRF check the view skips for visitors.
        refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if refused is not None:
            return refused
    language = request.POST.get("language", "")
    target = safe_next_url(request, request.POST.get("next"))
    response = HttpResponseRedirect(target)
    if language in dict(settings.LANGUAGES) and request.user.is_authenticated:
        from accounts.middleware import remember_language
        from accounts.services import language_set

        language_set(user=request.user, language=language)
        remember_language(request, language)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
