"""The page tree editors can build, checked with Wagtail's own page test helpers."""

from __future__ import annotations

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from editorial.models import (
    CollectionIndexPage,
    CollectionPage,
    HomePage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)


class PageTreeTests(WagtailPageTestCase):
    def test_where_each_page_type_may_live(self):
        self.assertAllowedSubpageTypes(HomePage, {StandardPage, CollectionIndexPage, StoryIndexPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedParentPageTypes(CollectionPage, {CollectionIndexPage})
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(CollectionPage, set())
        self.assertAllowedSubpageTypes(StoryPage, set())

    def test_editors_cannot_put_a_story_or_a_collection_anywhere_else(self):
        self.assertCanCreateAt(StoryIndexPage, StoryPage)
        self.assertCanNotCreateAt(HomePage, StoryPage)
        self.assertCanNotCreateAt(StandardPage, StoryPage)
        self.assertCanCreateAt(CollectionIndexPage, CollectionPage)
        self.assertCanNotCreateAt(StoryIndexPage, CollectionPage)

    def test_the_home_page_made_by_migrate_routes_renders_and_can_be_edited(self):
        home = Page.objects.type(HomePage).first().specific
        self.assertPageIsRoutable(home)
        self.assertPageIsRenderable(home)
        # The edit form posted back as it is (the body's blocks as the form sends them: none here).
        data = nested_form_data({"title": home.title, "slug": home.slug, "body": streamfield([])})
        self.assertPageIsEditable(home, post_data=data)

    def test_a_standard_page_can_be_created_under_home_through_the_admin(self):
        home = Page.objects.type(HomePage).first().specific
        self.login()
        data = nested_form_data({"title": "Shipping", "slug": "shipping-info", "body": streamfield([])})
        self.assertCanCreate(home, StandardPage, data)
        assert StandardPage.objects.filter(slug="shipping-info").exists()
