from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.views import serve as wagtail_serve

from editorial.selectors import story_index_for_language

STORIES_PATH = "stories/"


@require_safe
def stories(request):
    """The stories section of the visitor's language (the main navigation links here).

    This URL is matched before Wagtail's pages: when the story index itself lives at
    /stories/ the page is served here, otherwise the visitor is redirected to it.
    """
    page = story_index_for_language()
    if page is None:
        raise Http404(_("There are no stories yet."))
    url = page.get_url(request=request)
    if url != request.path:
        return redirect(url)
    return wagtail_serve(request, STORIES_PATH)
