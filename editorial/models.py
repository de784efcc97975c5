from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page
from wagtail.models.pages import PagePermissionTester
from wagtail.search import index

from core import params
from core.pagecache import cached_fragment
from editorial import selectors
from editorial.blocks import RICH_TEXT_FEATURES, collection_item_blocks, home_page_blocks, story_body_blocks
from editorial.seo import SeoPageMixin
from voting.selectors import featured_challenge

STORIES_PER_PAGE = 12


def _hero_image_field() -> models.ForeignKey:
    return models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hero image"),
    )


class HomePage(SeoPageMixin, Page):
    """The front page. Editors choose and order its sections."""

    body = StreamField(home_page_blocks(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["editorial.StandardPage", "editorial.CollectionIndexPage", "editorial.StoryIndexPage"]
    max_count = None
    template = "editorial/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The running challenge is always one click away from the front page, whatever the editors placed.
        # The same for everyone: cached like the page's sections (challenges empty that cache when saved).
        context["featured_challenge"] = cached_fragment("home:featured-challenge", lambda: (featured_challenge(),))[0]
        return context


class StandardPage(SeoPageMixin, Page):
    """About, FAQ, imprint, privacy, terms."""

    intro = models.TextField(_("intro"), blank=True, max_length=500)
    body = StreamField(
        [("text", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text")))],
        blank=True,
        verbose_name=_("body"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["editorial.HomePage", "editorial.StandardPage"]
    subpage_types = ["editorial.StandardPage"]
    template = "editorial/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


# ---------------------------------------------------------------------------
# Collections
# ---------------------------------------------------------------------------
class CollectionIndexPage(SeoPageMixin, Page):
    intro = models.TextField(_("intro"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["editorial.HomePage"]
    subpage_types = ["editorial.CollectionPage"]
    template = "editorial/collection_index_page.html"

    class Meta:
        verbose_name = _("collection index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        collections = list(
            CollectionPage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
        )
        items = selectors.collection_items_for_pages(collections, limit=4)
        context["collections"] = [(page, items[page.pk]) for page in collections]
        return context


class CollectionPage(SeoPageMixin, Page):
    """An editor-curated, ordered set of designs and products."""

    intro = models.TextField(_("intro"), blank=True, max_length=800)
    hero_image = _hero_image_field()
    items = StreamField(
        collection_item_blocks(),
        blank=True,
        verbose_name=_("designs and products"),
        help_text=_(
            "Choose and order the designs and products. Withdrawn or removed designs and unpublished "
            "products are hidden automatically."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("hero_image"), FieldPanel("items")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["editorial.CollectionIndexPage"]
    subpage_types: list[str] = []
    template = "editorial/collection_page.html"

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = selectors.collection_items(self)
        return context


# ---------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------
class _StoryPermissionTester(PagePermissionTester):
    """Stories go live only through the approval workflow: no Publish button skips the second editor."""

    def can_publish(self):
        return False


class _StoryIndexPermissionTester(PagePermissionTester):
    def can_publish_subpage(self):
        return False


class SecondEditorApprovalTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups other than the person who asked for it.

    Whoever submitted a story for review cannot approve it, whatever groups they are in
    (superusers included): every story is seen by a second person before it goes live.
    """

    def _requested_by(self, obj) -> int | None:
        state = getattr(obj, "current_workflow_state", None)
        return state.requested_by_id if state is not None else None

    def get_actions(self, obj, user):
        if self._requested_by(obj) == user.pk:
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied(_("A second editor must approve this: you cannot approve your own submission."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return super().get_task_states_user_can_moderate(user, **kwargs).exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, but never the person who submitted the page")

    class Meta:
        verbose_name = _("approval by a second editor")
        verbose_name_plural = _("approvals by a second editor")


class StoryIndexPage(SeoPageMixin, Page):
    intro = models.TextField(_("intro"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["editorial.HomePage"]
    subpage_types = ["editorial.StoryPage"]
    template = "editorial/story_index_page.html"

    class Meta:
        verbose_name = _("story index")

    def permissions_for_user(self, user):
        return _StoryIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = (
            StoryPage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("-date", "-first_published_at")
        )
        tag = params.text(request.GET, "tag", max_length=100)
        if tag:
            stories = stories.filter(tags__slug=tag)
        context["tag"] = tag
        context["stories"] = Paginator(stories, STORIES_PER_PAGE).get_page(params.page_number(request))
        return context


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("editorial.StoryPage", on_delete=models.CASCADE, related_name="tagged_items")


class StoryPage(SeoPageMixin, Page):
    """A maker spotlight or a piece of news."""

    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("intro"), max_length=400, help_text=_("One or two sentences shown in lists."))
    hero_image = _hero_image_field()
    body = StreamField(story_body_blocks(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("tags")], heading=_("About this story")),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("story_makers", label=_("Makers this story is about")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["editorial.StoryIndexPage"]
    subpage_types: list[str] = []
    template = "editorial/story_page.html"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def permissions_for_user(self, user):
        return _StoryPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        makers = [link.maker for link in self.story_makers.select_related("maker")]
        context["makers"] = [
            {"name": maker.public_name, "url": reverse("makers:storefront", kwargs={"handle": maker.handle})}
            for maker in makers
        ]
        context["story_tags"] = list(self.tags.all())
        return context


class StoryMaker(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="story_makers")
    maker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"profile__is_maker": True},
        verbose_name=_("maker"),
    )

    panels = [FieldPanel("maker")]

    class Meta(Orderable.Meta):
        verbose_name = _("maker in a story")
        verbose_name_plural = _("makers in a story")
