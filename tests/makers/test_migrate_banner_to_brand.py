"""makers.0009 moves every Profile.banner to the maker's Brand before accounts.0003 removes the field.

The database is migrated back to just before the move, rows are written with the models of that
state, and the database is migrated forward (and back again) with Django's MigrationExecutor.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import User
from makers.models import Brand

BEFORE = [("accounts", "0002_profile"), ("makers", "0008_brand_and_collections")]
AFTER = [("accounts", "0003_remove_profile_banner"), ("makers", "0009_brand_banner_from_profile")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _image(apps, title, description=""):
    return apps.get_model("wagtailimages", "Image").objects.create(
        title=title, file=f"original_images/{title}.png", width=1800, height=450, description=description
    )


def _maker(apps, handle, banner=None):
    user = apps.get_model("accounts", "User").objects.create(email=f"{handle}@example.com", handle=handle)
    apps.get_model("accounts", "Profile").objects.create(user=user, banner=banner, is_maker=True)
    return user


def test_the_order_of_the_move():
    graph = MigrationExecutor(connection).loader.graph
    plan = graph.forwards_plan(AFTER[0])
    assert plan.index(AFTER[1]) < plan.index(AFTER[0])
    assert ("makers", "0009_brand_banner_from_profile") in graph.node_map[AFTER[0]].parents


def test_profile_banners_move_to_the_brand_forwards_and_back():
    old = _migrate(BEFORE)
    Brand_ = old.get_model("makers", "Brand")

    lone = _maker(old, "lone", banner=_image(old, "lone-banner", description="Waves at dusk"))
    both_profile = _image(old, "both-profile")
    both = _maker(old, "both", banner=both_profile)
    brand_banner = _image(old, "both-brand")
    Brand_.objects.create(maker_id=both.pk, banner=brand_banner, banner_alt="The brand's own", accent_colour="#1f5fa8")
    bare = _maker(old, "bare")
    styled = _maker(old, "styled")
    Brand_.objects.create(maker_id=styled.pk, accent_colour="#1f5fa8", banner_alt="kept")

    _migrate(AFTER)

    # A banner and no brand: the brand is created with the banner, the image's description as alt.
    brand = Brand.objects.get(maker_id=lone.pk)
    assert brand.banner.title == "lone-banner" and brand.banner_alt == "Waves at dusk"
    # A banner and a brand with its own: the brand keeps its banner and description.
    brand = Brand.objects.get(maker_id=both.pk)
    assert (brand.banner_id, brand.banner_alt, brand.accent_colour) == (brand_banner.pk, "The brand's own", "#1f5fa8")
    # No banner: no brand is made up, and an existing brand is left as it is.
    assert not Brand.objects.filter(maker_id=bare.pk).exists()
    brand = Brand.objects.get(maker_id=styled.pk)
    assert (brand.banner_id, brand.banner_alt) == (None, "kept")
    assert User.objects.get(pk=lone.pk).profile.pk  # the profile row is still there
    assert Brand.objects.count() == 3

    back = _migrate(BEFORE)
    profiles = back.get_model("accounts", "Profile").objects
    assert profiles.get(user_id=lone.pk).banner.title == "lone-banner"
    assert profiles.get(user_id=both.pk).banner_id == brand_banner.pk  # what the storefront showed
    assert profiles.get(user_id=bare.pk).banner_id is None
    assert profiles.get(user_id=styled.pk).banner_id is None

    _migrate(AFTER)
    assert Brand.objects.get(maker_id=lone.pk).banner.title == "lone-banner"
