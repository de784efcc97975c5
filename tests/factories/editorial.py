"""Small page trees and designs for editorial tests (designs made directly, no upload pipeline)."""

from __future__ import annotations

import io
import itertools

from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Locale

from designs.models import Category, Design, DesignImage, DesignState
from editorial.models import CollectionIndexPage, CollectionPage, HomePage, StoryIndexPage
from tests.factories.accounts import UserFactory


def home_page() -> HomePage:
    return HomePage.objects.get(depth=2, locale=Locale.get_default())


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def collection_index(home: HomePage | None = None) -> CollectionIndexPage:
    home = home or home_page()
    existing = CollectionIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return publish(home.add_child(instance=CollectionIndexPage(title="Collections", slug="collections")))


def collection(designs, *, title: str = "Editors' picks", slug: str = "editors-picks", index=None) -> CollectionPage:
    index = index or collection_index()
    page = CollectionPage(title=title, slug=slug, items=[("design", design) for design in designs])
    return publish(index.add_child(instance=page))


def story_index(home: HomePage | None = None) -> StoryIndexPage:
    home = home or home_page()
    existing = StoryIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return publish(home.add_child(instance=StoryIndexPage(title="Stories", slug="stories")))


def staff_user(*groups: str, **kwargs):
    user = UserFactory(**kwargs)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


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
