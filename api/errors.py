"""Errors as RFC 9457 problem details: one JSON shape for every refusal, never a 500 page."""

from __future__ import annotations

import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from core.ratelimit import RateLimited
from voting.services import VoteRateLimited

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
# Validation errors the services raise with one of these codes mean "the thing already exists".
# Codes for "the state of the thing stands in the way" (already paid, a payment under way, totals changed).
CONFLICT_CODES = frozenset(
    {"duplicate", "conflict", "not_payable", "payment_in_progress", "totals_changed", "idempotency_mismatch"}
)
# Stripe's answers (shop.errors.PaymentError subclasses carry their class name as code).
PAYMENT_STATUS = {"PaymentDeclined": 402, "PaymentUnavailable": 503, "PaymentRefused": 502}


class ProblemError(Schema):
    field: str
    message: str


class Problem(Schema):
    """RFC 9457: `type` names the kind of problem, `title` sums it up, `detail` says it for people."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemError] = []


TITLES = {
    400: "Bad request",
    401: "Authentication required",
    402: "Payment declined",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    410: "Gone",
    429: "Too many requests",
    500: "Server error",
    502: "Payment provider refused",
    503: "Service unavailable",
}


def problem(status: int, detail: str, *, errors: list[dict] | None = None, headers: dict | None = None) -> JsonResponse:
    body = {
        "type": "about:blank",  # RFC 9457: the status code says it all; `title` is its phrase
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": str(detail),
        "errors": errors or [],
    }
    response = JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_errors(exc: DjangoValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": field if field != "__all__" else "", "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": "", "message": str(message)} for message in exc.messages]


def _codes(exc: DjangoValidationError) -> set[str]:
    errors = [e for es in exc.error_dict.values() for e in es] if hasattr(exc, "error_dict") else exc.error_list
    return {error.code for error in errors if getattr(error, "code", None)}


def _ninja_location(loc) -> str:
    parts = [str(part) for part in loc if part not in ("body", "query", "path", "header", "cookie", "payload")]
    return ".".join(parts)


def install(api) -> None:
    """Register the handlers on a NinjaAPI."""

    @api.exception_handler(NinjaValidationError)
    def _validation(request: HttpRequest, exc: NinjaValidationError):
        errors = [
            {"field": _ninja_location(error.get("loc", ())), "message": str(error.get("msg", ""))}
            for error in exc.errors
        ]
        return problem(400, _("The request is not valid: see the errors."), errors=errors)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError):
        return problem(
            401,
            _("Log in, or send a personal access token as “Authorization: Bearer <token>”."),
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )

    @api.exception_handler(Throttled)
    def _throttled(request: HttpRequest, exc: Throttled):
        return problem(429, _("Too many requests. Please wait a moment and try again."))

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError):
        if exc.status_code == 403 and "CSRF" in str(exc):
            return problem(403, _("The CSRF check failed: send the X-CSRFToken header with session requests."))
        return problem(exc.status_code, exc.message)

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404):
        return problem(404, str(exc) or _("Not found."))

    @api.exception_handler(ObjectDoesNotExist)
    def _does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist):
        return problem(404, _("Not found."))

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: PermissionDenied):
        return problem(403, getattr(exc, "message", None) or str(exc) or _("You are not allowed to do this."))

    @api.exception_handler(RateLimited)
    def _rate_limited(request: HttpRequest, exc: RateLimited):
        return problem(429, exc.message, headers={"Retry-After": "60"})

    @api.exception_handler(DjangoValidationError)
    def _invalid(request: HttpRequest, exc: DjangoValidationError):
        codes = _codes(exc)
        status = next((PAYMENT_STATUS[code] for code in codes if code in PAYMENT_STATUS), None)
        status = status or (409 if codes & CONFLICT_CODES else 400)
        errors = _field_errors(exc)
        headers = {"Retry-After": "60"} if status == 503 else None
        return problem(status, " ".join(error["message"] for error in errors), errors=errors, headers=headers)

    @api.exception_handler(VoteRateLimited)
    def _voting_too_fast(request: HttpRequest, exc: VoteRateLimited):
        return problem(429, exc.message, headers={"Retry-After": "60"})

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception):
        logger.exception("API error on %s %s", request.method, request.path)
        return problem(500, _("Something went wrong on our side. Please try again later."))
