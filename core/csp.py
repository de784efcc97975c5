"""The Wagtail admin's share of the Content-Security-Policy.

Wagtail's own admin templates still carry inline scripts (date pickers, inline panels, the page
explorer), so under /admin/ scripts and styles may also be inline. The admin is for logged-in
staff only; every public page keeps the strict policy from settings.CONTENT_SECURITY_POLICY.
"""

from __future__ import annotations

ADMIN_PREFIX = "/admin/"
ADMIN_UPDATE = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}


class AdminCSPMiddleware:
    """Sits after csp.middleware.CSPMiddleware, so it marks the response before the header is built."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIX) and getattr(response, "_csp_update", None) is None:
            response._csp_update = ADMIN_UPDATE
        return response
