"""Issue 15: every kind of content takes the same flag -> queue -> decision -> public log path."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from accounts.models import Profile
from community import rules as community_rules
from community.flagging import flaggable_kinds
from community.models import CaseStatus, FlagReason, ModerationCase, ModerationLogEntry
from community.services import flag_create, moderation_remove
from designs.models import Design
from search.models import SearchEntry
from shop.models import ProductStatus, Review
from shop.selectors.reviews import product_rating, product_reviews
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.shop import make_product, paid_line
from tests.search.helpers import find

pytestmark = pytest.mark.django_db


def _flagger():
    user = UserFactory()
    Profile.objects.filter(user=user).update(trust_level=1)
    return user


def _moderator():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_every_content_kind_is_registered_once():
    assert {"comment", "design", "product", "review", "profile"} <= set(flaggable_kinds())


def test_a_kind_nobody_registered_cannot_be_flagged():
    with pytest.raises(ValidationError):
        flag_create(flagger=_flagger(), target=Group.objects.first(), reason=FlagReason.SPAM)


def test_a_removed_product_is_retired_and_logged_publicly(django_capture_on_commit_callbacks):
    product = make_product()
    with django_capture_on_commit_callbacks(execute=True):
        flag_create(flagger=_flagger(), target=product, reason=FlagReason.RIGHTS)
        case = ModerationCase.objects.get(object_id=product.pk, content_type__model="product")
        assert case.author == product.design.maker
        moderation_remove(case=case, moderator=_moderator(), reason="Copied artwork")
    product.refresh_from_db()
    assert product.status == ProductStatus.RETIRED
    assert ModerationLogEntry.objects.filter(subject=f"Product “{product.title}”", reason="Copied artwork").exists()


def test_flags_hide_a_review_from_the_product_page_until_decided(monkeypatch):
    monkeypatch.setattr(community_rules, "FLAG_HIDE_THRESHOLD", 2.0)
    product = make_product()
    buyer = UserFactory()
    review = Review.objects.create(
        product=product, author=buyer, order_line=paid_line(buyer, product), rating=1, text="x"
    )
    assert list(product_reviews(product=product)) == [review]
    for _i in range(2):
        flag_create(flagger=_flagger(), target=review, reason=FlagReason.RUDE)
    assert ModerationCase.objects.get(object_id=review.pk, content_type__model="review").status == CaseStatus.HIDDEN
    assert list(product_reviews(product=product)) == []
    assert product_rating(product=product)["count"] == 0


def test_a_removed_profile_loses_its_text_and_nobody_flags_their_own(client):
    member = UserFactory()
    Profile.objects.filter(user=member).update(bio="Buy cheap watches", website="https://spam.example")
    with pytest.raises(Exception):  # noqa: B017 (PermissionDenied: your own profile)
        flag_create(flagger=member, target=member, reason=FlagReason.SPAM)
    Profile.objects.filter(user=member).update(trust_level=1)
    flag_create(flagger=_flagger(), target=member, reason=FlagReason.SPAM)
    case = ModerationCase.objects.get(object_id=member.pk, content_type__model="user")
    moderation_remove(case=case, moderator=_moderator(), reason="Advertising")
    profile = Profile.objects.get(user=member)
    assert (profile.bio, profile.website) == ("", "")
    client.force_login(_flagger())
    html = client.get(f"/members/{member.handle}/").content.decode()
    assert "Buy cheap watches" not in html


def test_the_flag_button_is_on_design_product_and_member_pages(client):
    design = DesignFactory(title="Flag Me")
    product = make_product()
    member = UserFactory()
    client.force_login(_flagger())
    for url in (design.get_absolute_url(), product.get_absolute_url(), f"/members/{member.handle}/"):
        assert 'class="flag-form"' in client.get(url).content.decode(), url


def test_a_design_removed_by_moderation_leaves_search(django_capture_on_commit_callbacks, settings):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        design = DesignFactory(title="Copied Lighthouse")
    assert SearchEntry.objects.filter(kind="design", object_id=design.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        flag_create(flagger=_flagger(), target=design, reason=FlagReason.RIGHTS)
        case = ModerationCase.objects.get(object_id=design.pk, content_type__model="design")
        moderation_remove(case=case, moderator=_moderator(), reason="Copied")
    assert Design.objects.get(pk=design.pk).moderation_removed
    assert not SearchEntry.objects.filter(kind="design", object_id=design.pk).exists()
    assert find("lighthouse").total == 0


def test_a_design_hidden_by_flags_leaves_search_and_comes_back_when_kept(
    django_capture_on_commit_callbacks, settings, monkeypatch
):
    from community.services import moderation_keep

    settings.ELASTICSEARCH_URL = ""
    monkeypatch.setattr(community_rules, "FLAG_HIDE_THRESHOLD", 1.0)
    with django_capture_on_commit_callbacks(execute=True):
        design = DesignFactory(title="Disputed Harbour")
    with django_capture_on_commit_callbacks(execute=True):
        flag_create(flagger=_flagger(), target=design, reason=FlagReason.RIGHTS)
    assert not SearchEntry.objects.filter(kind="design", object_id=design.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        moderation_keep(case=ModerationCase.objects.get(object_id=design.pk), moderator=_moderator())
    assert SearchEntry.objects.filter(kind="design", object_id=design.pk).exists()
