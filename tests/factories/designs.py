from __future__ import annotations

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images import get_image_model

from designs.models import Category, Design, DesignImage, DesignState
from tests.factories.accounts import UserFactory
from tests.factories.images import image_bytes


def category(slug: str = "poster") -> Category:
    return Category.objects.get(slug=slug)


def wagtail_image(*, side: int = 64, colour=(30, 120, 200)):
    """A small stored image: enough for pages and renditions, fast to make."""
    image = get_image_model()(title="test image", width=side, height=side)
    image.file.save("test.png", ContentFile(image_bytes(side, side, colour=colour)), save=False)
    image.width = image.height = side
    image.save()
    return image


class DesignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Design
        skip_postgeneration_save = True

    maker = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Design number {n}")
    slug = factory.Sequence(lambda n: f"design-number-{n}")
    description = "A design for tests."
    category = factory.LazyFunction(category)
    rights_confirmed = True
    state = "approved"
    approved_at = factory.LazyFunction(timezone.now)
    voting_starts_at = factory.LazyFunction(timezone.now)
    voting_ends_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=7))

    @factory.post_generation
    def images(self, create, extracted, **kwargs):
        if not create:
            return
        for position in range(1 if extracted is None else extracted):
            DesignImage.objects.create(design=self, image=wagtail_image(), position=position)


_counter = {"n": 0}


def make_design(*, maker=None, title: str | None = None, state: str = DesignState.APPROVED, category="poster", **extra):
    _counter["n"] += 1
    n = _counter["n"]
    maker = maker or UserFactory()
    if isinstance(category, str):
        category = Category.objects.get(slug=category)
    if state == DesignState.APPROVED:
        now = timezone.now()
        extra.setdefault("voting_starts_at", now - timedelta(hours=1))
        extra.setdefault("voting_ends_at", now + timedelta(days=7))
        extra.setdefault("approved_at", now - timedelta(hours=1))
    title = title or f"Design {n}"
    return Design.objects.create(
        maker=maker,
        title=title,
        slug=f"{title.lower().replace(' ', '-')}-{n}",
        category=category,
        rights_confirmed=True,
        state=state,
        **extra,
    )
