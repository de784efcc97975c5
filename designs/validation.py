"""Upload checks for design images, decided by the file's content, never its name.

Every refusal is a ValidationError whose message tells the person what to change.
Accepted files are re-encoded, which drops all metadata (EXIF, GPS, XMP, comments).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from designs import rules as design_rules

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Markup inside an image file means a polyglot: a file that is also a page or a script.
POLYGLOT_MARKERS = (b"<script", b"<html", b"<svg", b"<?php", b"<!doctype", b"<iframe", b"javascript:", b"<body")
PNG_END = b"IEND\xaeB`\x82"


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    extension: str
    width: int
    height: int


def sniff_format(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _describe_other(head: bytes) -> str:
    lowered = head.lstrip()[:256].lower()
    if lowered.startswith((b"<svg", b"<?xml")) or b"<svg" in lowered:
        return _("SVG files can carry scripts, so they are not accepted.")
    if lowered.startswith((b"<!doctype", b"<html")) or b"<html" in lowered or b"<script" in lowered:
        return _("This file is a web page, not an image.")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return _("GIF files are not accepted.")
    return _("This file is not a JPEG, PNG or WebP image.")


def _structure_problem(data: bytes, fmt: str) -> str | None:
    """'truncated' when the file stops early, 'trailing' when something follows the image."""
    if fmt == "PNG":
        end = data.rfind(PNG_END)
        if end == -1:
            return "truncated"
        return "trailing" if data[end + len(PNG_END) :].strip(b"\x00") else None
    if fmt == "JPEG":
        body = data.rstrip(b"\x00")
        if body.endswith(b"\xff\xd9"):
            return None
        return "trailing" if b"\xff\xd9" in body else "truncated"
    if fmt == "WEBP":
        declared = int.from_bytes(data[4:8], "little") + 8
        if len(data) < declared:
            return "truncated"
        return "trailing" if len(data) > declared + 1 else None
    return None


def clean_design_image(upload, *, min_short_side: int | None = None, max_bytes: int | None = None) -> CleanImage:
    """Check one uploaded image and return a re-encoded copy without metadata.

    Design images need print quality; avatars and review photos pass a smaller min_short_side.
    """
    max_bytes = max_bytes or design_rules.UPLOAD_MAX_BYTES
    max_pixels = design_rules.UPLOAD_MAX_PIXELS
    min_side = design_rules.UPLOAD_MIN_SHORT_SIDE if min_short_side is None else min_short_side
    hint = _("Please upload a JPEG, PNG or WebP image.")

    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("This file is %(size)s MB; the limit is %(limit)s MB. Please export a smaller file.")
            % {"size": round(size / 1024 / 1024, 1), "limit": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(_("This file is larger than %(limit)s MB.") % {"limit": max_bytes // (1024 * 1024)})
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")

    fmt = sniff_format(data[:16])
    if fmt is None:
        raise ValidationError(f"{_describe_other(data[:512])} {hint}", code="type")
    problem = _structure_problem(data, fmt)
    if problem == "truncated":
        raise ValidationError(_("This image is incomplete; the upload may have been cut off. ") + hint, code="broken")
    lowered = data.lower()
    if any(marker in lowered for marker in POLYGLOT_MARKERS) or problem == "trailing":
        raise ValidationError(
            _(
                "This image contains hidden extra content. "
                "Please export it again from your image editor as plain %(fmt)s."
            )
            % {"fmt": fmt},
            code="polyglot",
        )

    try:
        # Opening reads only the header: the size is known before any pixel is decoded.
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != fmt:
                raise ValidationError(_("The file's content does not match its format. ") + hint, code="type")
            width, height = probe.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("This image has %(mp)s megapixels; the limit is %(limit)s. Please scale it down.")
                    % {"mp": round(width * height / 1_000_000, 1), "limit": max_pixels // 1_000_000},
                    code="too_many_pixels",
                )
            if getattr(probe, "is_animated", False) or getattr(probe, "n_frames", 1) > 1:
                raise ValidationError(
                    _("Animated images are not accepted. Please upload a still image."), code="animated"
                )
            if min(width, height) < min_side:
                raise ValidationError(
                    _(
                        "This image is %(w)s × %(h)s pixels; it needs at least %(min)s pixels "
                        "on the short side. Please upload a larger version."
                    )
                    % {"w": width, "h": height, "min": min_side},
                    code="too_small",
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            return _reencode(image, fmt)
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            _("This image has far more than %(limit)s megapixels. Please scale it down.")
            % {"limit": max_pixels // 1_000_000},
            code="too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("This image could not be read; it may be damaged. ") + hint, code="broken") from exc


def _reencode(image: Image.Image, fmt: str) -> CleanImage:
    icc = image.info.get("icc_profile")
    if fmt == "JPEG":
        image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
    elif image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA")
    # A fresh image carries only pixels: no EXIF, GPS, XMP or text chunks reach the saved file.
    fresh = Image.new(image.mode, image.size)
    fresh.paste(image)
    options: dict = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        options.update(quality=92, optimize=True)
    elif fmt == "WEBP":
        options.update(quality=92, method=4)
    out = io.BytesIO()
    fresh.save(out, format=fmt, **options)
    return CleanImage(content=out.getvalue(), extension=FORMATS[fmt], width=fresh.width, height=fresh.height)
