"""The member's chosen language: kept in the session at login and when it changes, followed on every page."""

from __future__ import annotations

SESSION_LANGUAGE_KEY = "member_language"


def remember_language(request, language: str) -> None:
    """Keep the member's chosen language in the session, so the middleware below needs no query."""
    if hasattr(request, "session"):
        request.session[SESSION_LANGUAGE_KEY] = language or ""


class MemberLanguageMiddleware:
    """A member who chose a language sees the site in it: a page opened in the other language
    (an old link, a bookmark) redirects to the same page in theirs. Only GET requests of pages
    that exist in both languages; the session holds the choice (set at login and when it changes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if (
            request.method == "GET"
            and user is not None
            and user.is_authenticated
            and session is not None
            and session.get(SESSION_LANGUAGE_KEY)
            and not request.headers.get("Accept", "").startswith("application/json")
        ):
            from django.http import HttpResponseRedirect
            from django.utils.translation import get_language

            from core.i18n import path_in_language

            chosen = session[SESSION_LANGUAGE_KEY]
            if chosen != get_language():
                path = request.get_full_path()
                target = path_in_language(path, chosen)
                if target and target != path:
                    return HttpResponseRedirect(target)
        return self.get_response(request)


def _remember_on_login(sender, request, user, **kwargs):
    if request is None:
        return
    from accounts.models import Profile

    language = Profile.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
    remember_language(request, language or "")
