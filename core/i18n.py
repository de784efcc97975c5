"""Moving a path between languages: "/designs/x/" <-> "/de/designs/x/"."""

from __future__ import annotations

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path


def path_in_language(path: str, language: str) -> str:
    """The same page in `language`. The path is resolved in its own language first, so Wagtail's
    catch-all pattern never turns "/de/about/" into "/de/de/about/"."""
    if not path or language not in dict(settings.LANGUAGES):
        return path
    source = get_language_from_path(path) or settings.LANGUAGE_CODE
    if source == language:
        return path
    with translation.override(source):
        return translate_url(path, language)
