"""Wagtail's audit log records editor, moderator and staff actions on designs, products, orders and
moderation, and administrators read it under Reports → Site history."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from community import services as community_services
from community.models import FlagReason
from designs.models import DesignState
from shop.services.products import product_create, product_retire
from tests.factories.designs import DesignFactory, make_design
from tests.factories.editorial import staff_user
from tests.factories.voting import VoterFactory

pytestmark = [pytest.mark.security_category("privacy"), pytest.mark.django_db]


@pytest.fixture
def editor():
    user = VoterFactory(handle="eddie-editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def admin_client(client):
    client.force_login(staff_user(is_superuser=True))
    return client


def _entries(action: str):
    return ModelLogEntry.objects.filter(action=action)


def test_an_editor_approving_and_rejecting_designs_is_logged_with_their_name(client, editor, admin_client):
    design = DesignFactory(state="submitted", approved_at=None, voting_starts_at=None, voting_ends_at=None)
    other = DesignFactory(state="submitted", title="Needs work")
    editor_client = client.__class__()
    editor_client.force_login(editor)
    assert editor_client.post(f"/admin/designs/review/approve/{design.pk}/").status_code == 302
    editor_client.post(f"/admin/designs/review/reject/{other.pk}/", {"reason": "Blurry print file"})
    entries = _entries("commonmade.design.transition").filter(user=editor)
    assert entries.count() == 2
    assert {e.object_id for e in entries} == {str(design.pk), str(other.pk)}
    rejected = entries.get(object_id=str(other.pk))
    assert rejected.data["to"] == "Rejected" and rejected.data["reason"] == "Blurry print file"

    history = admin_client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    text = history.content.decode()
    assert "Needs work" in text and "Blurry print file" in text


def test_product_creation_and_retirement_are_logged(editor):
    design = make_design(state=DesignState.SELECTED)
    product = product_create(
        design=design,
        actor=editor,
        title="Logged tee",
        product_type="tshirt",
        price="29.00",
        variants=[{"sku": "LOG-1", "size": "M", "stock": 3}],
        publish=True,
    )
    product_retire(product=product, actor=editor)
    actions = list(
        ModelLogEntry.objects.for_instance(product)
        .filter(user=editor)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["commonmade.product.create", "commonmade.product.publish", "commonmade.product.retire"]


def test_moderation_decisions_are_logged(editor):
    from community.models import ModerationCase

    maker = VoterFactory()
    design = make_design(maker=maker)
    comment = community_services.comment_post(author=VoterFactory(), target=design, text="Buy followers cheap")
    flagger = VoterFactory()
    flagger.profile.trust_level = 2
    flagger.profile.save()
    community_services.flag_create(flagger=flagger, target=comment, reason=FlagReason.SPAM)
    case = ModerationCase.objects.get()
    community_services.moderation_remove(case=case, moderator=editor, reason="Spam link")
    entry = _entries("commonmade.moderation").get(user=editor)
    assert entry.data["reason"] == "Spam link"


def test_order_status_changes_are_logged(django_capture_on_commit_callbacks):
    from shop.cart import MemberCart
    from shop.services.checkout import order_create
    from shop.services.orders import order_mark_paid
    from tests.factories.shop import make_product

    buyer = VoterFactory()
    cart = MemberCart(buyer)
    cart.set(make_product().variants.get().pk, 1)
    order = order_create(user=buyer, cart=cart)
    with django_capture_on_commit_callbacks(execute=True):
        order_mark_paid(order_id=order.pk)
    assert ModelLogEntry.objects.for_instance(order).filter(action="commonmade.order.status").exists()


def test_members_cannot_read_the_audit_log(client):
    client.force_login(VoterFactory())
    assert client.get("/admin/reports/site-history/").status_code == 302
