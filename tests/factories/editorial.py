"""Small page trees for editorial tests."""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import Locale

from editorial.models import CollectionIndexPage, CollectionPage, HomePage, StoryIndexPage
from tests.factories.community import UserFactory


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
