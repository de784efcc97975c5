"""Moderation tells designs through `content_removed`; designs unpublish, and search forgets the design."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from accounts.models import Profile
from community import services as community
from community.models import FlagReason, ModerationCase
from search.models import SearchEntry
from tests.factories.accounts import UserFactory
from tests.search.helpers import find, make_design, make_product

pytestmark = pytest.mark.django_db


def _flaggers(n: int):
    users = [UserFactory() for _ in range(n)]
    Profile.objects.filter(user__in=users).update(trust_level=1)
    return users


@pytest.fixture
def moderator():
    user = UserFactory(handle="eddie-moderator")
    user.user_permissions.add(Permission.objects.get(codename="moderate_content"))
    return user


def test_a_design_removed_by_moderation_leaves_search_with_its_products(moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        design = make_design(title="Copied lighthouse", state="on_sale")
        product = make_product(design=design, title="Copied lighthouse tee", product_type="tshirt", price="25.00")
    assert find("lighthouse").total == 2

    with django_capture_on_commit_callbacks(execute=True):
        for flagger in _flaggers(3):
            community.flag_create(flagger=flagger, target=design, reason=FlagReason.RIGHTS)
    with django_capture_on_commit_callbacks(execute=True):
        community.moderation_remove(case=ModerationCase.objects.get(), moderator=moderator, reason="Copied artwork")

    design.refresh_from_db()
    assert design.moderation_removed
    assert find("lighthouse").total == 0
    assert not SearchEntry.objects.filter(kind="design", object_id=design.pk).exists()
    assert not SearchEntry.objects.filter(kind="product", object_id=product.pk).exists()


def test_a_design_hidden_by_flags_leaves_search_and_returns_when_kept(moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        design = make_design(title="Disputed lighthouse")
    assert find("lighthouse").total == 1

    with django_capture_on_commit_callbacks(execute=True):
        for flagger in _flaggers(3):
            community.flag_create(flagger=flagger, target=design, reason=FlagReason.RIGHTS)
    assert find("lighthouse").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        community.moderation_keep(case=ModerationCase.objects.get(), moderator=moderator)
    assert find("lighthouse").total == 1
