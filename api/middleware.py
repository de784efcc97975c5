"""What every /api/ request goes through: hostile input refused, CORS per origin, ETags on reads."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from api.errors import problem

API_PREFIX = "/api/"
ALLOWED_HEADERS = "Authorization, Content-Type, If-None-Match, Accept, Accept-Language"
ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS"
GENERIC = {
    404: _lazy("There is nothing at this address. The API's description is at /api/v1/schema/."),
    405: _lazy("This address does not take this method."),
}


def _has_nul(request) -> bool:
    if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, vs in request.GET.lists() for v in [k, *vs]):
        return True
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        try:
            body = request.body
        except Exception:  # noqa: BLE001 (too large or already read: the view answers)
            return False
        return b"\x00" in body or b"\\u0000" in body.lower()
    return False


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        # The API has no /de/ prefix: Accept-Language picks the language of its messages.
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        origin = request.headers.get("Origin")
        allowed = origin if origin and origin in settings.API_CORS_ORIGINS else None
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            if allowed:
                response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
                response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
                response["Access-Control-Max-Age"] = "600"
        elif _has_nul(request):
            response = problem(400, _("NUL characters are not allowed in requests."))
        else:
            response = self.get_response(request)
            if response.status_code >= 400 and "json" not in response.get("Content-Type", ""):
                # Django's own answers (unknown address, wrong method) as problem details too.
                allow = response.get("Allow")
                response = problem(response.status_code, GENERIC.get(response.status_code, _("The request failed.")))
                if allow:
                    response["Allow"] = allow  # RFC 9110: a 405 names the methods that work
            if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
                set_response_etag(response)
                response = get_conditional_response(request, etag=response.get("ETag"), response=response)
        if allowed:
            response["Access-Control-Allow-Origin"] = allowed
            response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        patch_vary_headers(response, ("Origin", "Authorization", "Accept-Language"))
        response.setdefault("Content-Language", language)
        return response
