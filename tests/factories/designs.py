"""Small helpers to create designs in tests (no upload pipeline needed)."""

from __future__ import annotations

import io
import itertools

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model

from designs.models import Category, Design, DesignImage, DesignState
from tests.factories.community import UserFactory

_counter = itertools.count(1)


def make_image(title: str = "cover"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#2a9d8f").save(buffer, "PNG")
    image = get_image_model()(title=title)
    image.file.save(f"{title}.png", ImageFile(buffer, name=f"{title}.png"), save=False)
    image.save()
    return image


def make_design(*, maker=None, title: str | None = None, state: str = DesignState.APPROVED, with_image: bool = False):
    number = next(_counter)
    title = title or f"Design {number}"
    now = timezone.now()
    design = Design.objects.create(
        maker=maker or UserFactory(),
        title=title,
        slug=f"design-{number}-{title.lower().replace(' ', '-')}"[:140],
        category=Category.objects.get(slug="poster"),
        rights_confirmed=True,
        state=state,
        approved_at=now if state != DesignState.DRAFT else None,
    )
    if with_image:
        DesignImage.objects.create(design=design, image=make_image(f"cover-{number}"), position=0)
    return design
