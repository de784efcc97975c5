"""Catalogue data for search tests, indexed the way the site indexes it: after commit."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone
from taggit.models import Tag

from community.models import Profile
from community.services import profile_mark_maker
from designs.models import Category, Design, DesignTag
from tests.factories.community import UserFactory

_n = itertools.count(1)


def make_maker(*, handle: str | None = None, display_name: str = "", bio: str = ""):
    n = next(_n)
    user = UserFactory(handle=handle or f"maker{n}", email=f"maker{n}@example.org", display_name=display_name)
    profile_mark_maker(user=user)
    if bio:
        profile = Profile.objects.get(user=user)
        profile.bio = bio
        profile.save()
    return user


def make_design(
    *,
    title: str,
    maker=None,
    description: str = "",
    tags: tuple[str, ...] = (),
    category: str = "poster",
    state: str = "approved",
    moderation_removed: bool = False,
    days_ago: int = 1,
) -> Design:
    n = next(_n)
    design = Design.objects.create(
        maker=maker or make_maker(),
        title=title,
        slug=f"design-{n}",
        description=description,
        category=Category.objects.get(slug=category),
        rights_confirmed=True,
        state=state,
        moderation_removed=moderation_removed,
        approved_at=timezone.now() - timedelta(days=days_ago),
    )
    if tags:
        for name in tags:
            DesignTag.objects.create(content_object=design, tag=Tag.objects.get_or_create(name=name, slug=name)[0])
        design.save()
    return design
