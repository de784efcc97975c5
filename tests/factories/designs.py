from __future__ import annotations

import itertools

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images import get_image_model

from designs.models import Category, Design, DesignImage, DesignState
from tests.factories.community import UserFactory
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


_counter = itertools.count(1)


def make_design(*, maker=None, state: str = DesignState.SELECTED, title: str | None = None) -> Design:
    n = next(_counter)
    title = title or f"Design {n}"
    return Design.objects.create(
        maker=maker or UserFactory(),
        title=title,
        slug=f"design-{n}-{title.lower().replace(' ', '-')}"[:140],
        category=Category.objects.get(slug="poster"),
        rights_confirmed=True,
        state=state,
    )
