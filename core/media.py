"""Uploaded media, answered by the site itself, so that nothing private is ever public.

`/media/<path>` is the one way in, on local disk and on object storage alike:

- originals (`original_images/`) are never public: only staff who may edit images and people an
  app's rule allows (a design's maker) get them;
- renditions (`images/`) are public unless a rule says the image is private (a design that is
  not public) and the person asking is not allowed;
- anything else (review photos) is public.

Local disk: the file is streamed. Object storage (a private bucket): the answer is a redirect to
a short-lived signed URL. Apps register rules with `register_rule` from their AppConfig.ready.
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Callable

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

ORIGINALS = "original_images/"
RENDITIONS = "images/"
PUBLIC_MAX_AGE = 60 * 60 * 24 * 30
SIGNED_URL_SECONDS = 300

# rule(image_id=..., user=...) -> True (this person may), False (private: refuse), None (no opinion)
Rule = Callable[..., "bool | None"]
_rules: list[Rule] = []


def register_rule(rule: Rule) -> None:
    if rule not in _rules:
        _rules.append(rule)


def image_access(*, image_id: int, user, original: bool) -> tuple[bool, bool]:
    """(may see it, is it public) for one Wagtail image and one person."""
    answers = [rule(image_id=image_id, user=user) for rule in _rules]
    if True in answers:
        return True, False
    if original:
        return bool(user.is_authenticated and user.has_perm("wagtailimages.change_image")), False
    if False in answers:
        return bool(user.is_authenticated and user.has_perm("wagtailimages.change_image")), False
    return True, True


def _clean(path: str) -> str:
    normal = posixpath.normpath(path).lstrip("/")
    if normal != path or normal.startswith("..") or "\x00" in normal:
        raise Http404
    return normal


def _image_id_for(path: str) -> int | None:
    from wagtail.images import get_image_model

    image_model = get_image_model()
    if path.startswith(ORIGINALS):
        return image_model.objects.filter(file=path).values_list("pk", flat=True).first()
    rendition_model = image_model.get_rendition_model()
    return rendition_model.objects.filter(file=path).values_list("image_id", flat=True).first()


@require_safe
def serve_media(request, path: str):
    path = _clean(path)
    public = True
    if path.startswith((ORIGINALS, RENDITIONS)):
        image_id = _image_id_for(path)
        if image_id is None:
            raise Http404
        allowed, public = image_access(image_id=image_id, user=request.user, original=path.startswith(ORIGINALS))
        if not allowed:
            raise Http404  # a private file answers like a missing one: its existence is not told
    signed = getattr(default_storage, "signed_url", None)
    if signed is not None:
        response = HttpResponseRedirect(signed(path, expire=SIGNED_URL_SECONDS))
        patch_cache_control(response, **({"public": True} if public else {"private": True}), max_age=60)
        return response
    try:
        handle = default_storage.open(path)
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation) as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE, immutable=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
