"""Issue 15 in editorial: a second editor approves stories, collections and "New in the shop" show only
products on sale (with ratings), design cards in collections show the crowd's verdict, the sales panel works."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import WorkflowState

from editorial.models import CollectionPage, StoryPage
from shop.models import ProductStatus, Review
from shop.selectors.catalogue import products_latest, sales_summary
from tests.factories.accounts import UserFactory
from tests.factories.editorial import collection_index, home_page, make_design, publish, staff_user, story_index
from tests.factories.shop import make_product, paid_line
from tests.factories.voting import bulk_votes, spread
from voting.services import votes_recount

pytestmark = pytest.mark.django_db


def _draft_story(index, owner, slug="own-story") -> StoryPage:
    story = StoryPage(title="Own story", slug=slug, intro="Intro", live=False, owner=owner)
    index.add_child(instance=story)
    story.save_revision(user=owner)
    return story


def test_an_editor_who_is_also_a_moderator_cannot_publish_or_approve_their_own_story(client):
    index = story_index()
    author = staff_user("Editors", "Moderators")
    second = staff_user("Editors")
    story = _draft_story(index, author)

    # No Publish button: the permission tester says no, and a posted publish does not go live.
    assert not story.permissions_for_user(author).can_publish()
    assert not index.permissions_for_user(author).can_publish_subpage()
    client.force_login(author)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(story.pk,))).content.decode()
    assert 'name="action-publish"' not in edit
    assert 'name="action-submit"' in edit

    workflow = story.get_workflow()
    state = workflow.start(story, author)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(story, author) == []
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, author, "approve")
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=(story.pk, "approve", task_state.pk))
    client.post(approve_url, {"comment": ""})
    story.refresh_from_db()
    assert not story.live

    client.force_login(second)
    assert [a[0] for a in task.get_actions(StoryPage.objects.get(pk=story.pk), second)][:2] == ["reject", "approve"]
    client.post(approve_url, {"comment": ""})
    story.refresh_from_db()
    assert story.live
    assert WorkflowState.objects.for_instance(story).get().status == WorkflowState.STATUS_APPROVED


def test_new_in_the_shop_and_collections_leave_out_drafts_and_retired_products_and_show_ratings():
    on_sale = make_product()
    draft = make_product(status=ProductStatus.DRAFT)
    retired = make_product(status=ProductStatus.RETIRED)
    buyer = UserFactory()
    Review.objects.create(product=on_sale, author=buyer, order_line=paid_line(buyer, on_sale), rating=4, text="Good")

    latest = products_latest(limit=8)
    assert [product.pk for product in latest] == [on_sale.pk]
    assert latest[0].rating_avg == 4.0

    page = CollectionPage(
        title="Shop picks", slug="shop-picks", items=[("product", p) for p in (on_sale, draft, retired)]
    )
    publish(collection_index().add_child(instance=page))
    from editorial.selectors import collection_items

    items = collection_items(page)
    assert [item.title for item in items] == [on_sale.title]
    assert items[0].object.rating_avg == 4.0


def test_design_cards_in_collections_show_the_crowd_score(client):
    design = make_design(title="Voted Design", with_image=True)
    bulk_votes(design, spread(10, 40, 5))
    votes_recount()
    page = CollectionPage(title="Picks", slug="picks", items=[("design", design)])
    publish(collection_index(home_page()).add_child(instance=page))
    html = client.get(page.url).content.decode()
    assert "Score " in html and "10 votes" in html


def test_the_sales_panel_shows_this_weeks_paid_orders(client):
    product = make_product(price="30.00")
    paid_line(UserFactory(), product, days_ago=1)
    paid_line(UserFactory(), product, days_ago=20)
    from datetime import timedelta

    from django.utils import timezone

    assert sales_summary(since=timezone.now() - timedelta(days=7)) == {"orders": 1, "total": product.price}
    client.force_login(staff_user("Editors"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Not available yet" not in html
    assert "30.00" in html or "30,00" in html
