"""Who is asking: a personal access token (Authorization: Bearer …) or the site's session.

Session requests that change something must carry the CSRF token (X-CSRFToken), as the site's
forms do; token requests need none, since a browser never adds the Authorization header by itself.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from api import services


class TokenAuth(HttpBearer):
    """A personal access token: Authorization: Bearer cm_pat_…"""

    def authenticate(self, request: HttpRequest, token: str):
        user = services.token_authenticate(raw=token)
        if user is not None:
            request.user = user
            request.api_token_used = True
        return user


class CsrfSessionAuth(SessionAuth):
    """The site's login session; CSRF is checked for unsafe methods."""


token_auth = TokenAuth()
session_auth = CsrfSessionAuth(csrf=True)
MEMBER = [token_auth, session_auth]


def viewer(request: HttpRequest):
    """The member behind a public read (token or session), or an anonymous visitor.

    A token that is sent but not valid is refused rather than ignored, so a client notices.
    """
    cached = getattr(request, "_api_viewer", None)
    if cached is not None:
        return cached
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _sep, raw = header.partition(" ")
        user = services.token_authenticate(raw=raw.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise AuthenticationError()
        request.user = user
    user = getattr(request, "user", None) or AnonymousUser()
    request._api_viewer = user
    return user
