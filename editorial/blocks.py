from __future__ import annotations

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from designs.models import Design
from editorial import integrations, selectors

RICH_TEXT_FEATURES = ["bold", "italic", "link", "h2", "h3", "ol", "ul"]


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("heading"))
    text = blocks.TextBlock(required=False, max_length=400, label=_("text"))
    link_text = blocks.CharBlock(required=False, max_length=40, label=_("button text"))
    link_url = blocks.CharBlock(required=False, max_length=200, label=_("button link"))

    class Meta:
        icon = "title"
        label = _("Hero")
        template = "editorial/blocks/hero.html"


# ---------------------------------------------------------------------------
# Choosers for designs and products
# ---------------------------------------------------------------------------
class DesignChooserBlock(SnippetChooserBlock):
    """A design, loaded with its maker and cover in one query for all blocks of a page."""

    def __init__(self, **kwargs):
        super().__init__("designs.Design", **kwargs)

    def bulk_to_python(self, values):
        designs = selectors.designs_for_cards(values)
        return [designs.get(pk) for pk in values]

    class Meta:
        icon = "image"
        label = _("Design")
        template = "editorial/blocks/design.html"


class ProductChooserBlock(SnippetChooserBlock):
    """A shop product. While the shop has no products the block stays empty and renders nothing."""

    def __init__(self, **kwargs):
        super().__init__("shop.Product", **kwargs)

    @cached_property
    def target_model(self):
        return integrations.product_model()

    @cached_property
    def model_class(self):
        return self.target_model

    @cached_property
    def widget(self):
        if self.target_model is None:
            return forms.TextInput(attrs={"disabled": True, "placeholder": _("The shop has no products yet.")})
        return super().widget

    @cached_property
    def field(self):
        if self.target_model is None:
            return forms.CharField(required=False, disabled=True, help_text=_("The shop has no products yet."))
        return super().field

    def to_python(self, value):
        return self.bulk_to_python([value])[0]

    def bulk_to_python(self, values):
        cards = integrations.product_cards(values)
        return [cards.get(pk) for pk in values]

    def get_prep_value(self, value):
        return getattr(value, "pk", None) or getattr(value, "id", None)

    def value_from_form(self, value):
        if self.target_model is None:
            return None
        return super().value_from_form(value)

    def clean(self, value):
        if self.target_model is None:
            return None
        if isinstance(value, integrations.ProductCard):
            value = value.id
        return super().clean(value)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if value is not None and not isinstance(value, integrations.ProductCard):
            # A product straight from the editor's form (preview): shown like a saved one.
            context["value"] = integrations.product_cards([value.pk]).get(value.pk)
        return context

    def get_form_state(self, value):
        if self.target_model is None:
            return None
        if isinstance(value, integrations.ProductCard):
            value = self.target_model.objects.filter(pk=value.id).first()
        return super().get_form_state(value)

    def extract_references(self, value):
        if self.target_model is not None and value is not None:
            yield self.target_model, str(value.id), "", ""

    class Meta:
        icon = "tag"
        label = _("Product")
        template = "editorial/blocks/product.html"


# ---------------------------------------------------------------------------
# Home page sections: each chosen, ordered and titled by editors
# ---------------------------------------------------------------------------
class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, label=_("heading"))
    limit = blocks.IntegerBlock(min_value=1, max_value=24, default=8, label=_("how many"))


class FeaturedCollectionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, label=_("heading"))
    collections = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="editorial.CollectionPage"), label=_("collections"), min_num=1
    )
    items_per_collection = blocks.IntegerBlock(min_value=1, max_value=12, default=4, label=_("items shown each"))

    def get_context(self, value, parent_context=None):
        from editorial.models import CollectionPage

        context = super().get_context(value, parent_context)
        chosen = [page for page in value["collections"] if page is not None]
        # Editors may pick a collection in another language: show its translation for this visitor.
        locale = selectors.current_locale()
        translations = {
            page.translation_key: page
            for page in CollectionPage.objects.live()
            .public()
            .filter(translation_key__in=[p.translation_key for p in chosen], locale=locale)
            .select_related("hero_image")
        }
        pages = []
        for page in chosen:
            page = translations.get(page.translation_key, page)
            if page.live and page not in pages:
                pages.append(page)
        items = selectors.collection_items_for_pages(pages, limit=value["items_per_collection"])
        context["collections"] = [(page, items[page.pk]) for page in pages]
        return context

    class Meta:
        icon = "folder-open-inverse"
        label = _("Featured collections")
        template = "editorial/blocks/featured_collections.html"


class TrendingDesignsBlock(SectionBlock):
    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        trending = integrations.trending_designs(limit=value["limit"])
        if trending is None:
            context["designs"] = None
            return context
        ids = [getattr(entry, "design_id", None) if not isinstance(entry, Design) else entry.pk for entry in trending]
        loaded = selectors.designs_for_cards(ids)
        context["designs"] = [loaded[pk] for pk in ids if pk in loaded and loaded[pk].is_public]
        return context

    class Meta:
        icon = "pick"
        label = _("Trending designs")
        template = "editorial/blocks/trending_designs.html"


class NewProductsBlock(SectionBlock):
    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["products"] = integrations.latest_products(limit=value["limit"])
        return context

    class Meta:
        icon = "tag"
        label = _("New products")
        template = "editorial/blocks/new_products.html"


class OpenChallengesBlock(SectionBlock):
    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        challenges = integrations.open_challenges(limit=value["limit"])
        context["challenges"] = (
            None
            if challenges is None
            else [
                {
                    "title": str(getattr(challenge, "local_title", challenge)),
                    "url": integrations.challenge_url(challenge),
                    "ends_at": getattr(challenge, "ends_at", None) or getattr(challenge, "voting_ends_at", None),
                }
                for challenge in challenges
            ]
        )
        return context

    class Meta:
        icon = "trophy"
        label = _("Open challenges")
        template = "editorial/blocks/open_challenges.html"


class LatestStoriesBlock(SectionBlock):
    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["stories"] = list(selectors.stories_latest(limit=value["limit"]))
        return context

    class Meta:
        icon = "doc-full"
        label = _("Latest stories")
        template = "editorial/blocks/latest_stories.html"


def home_page_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("hero", HeroBlock()),
        ("featured_collections", FeaturedCollectionsBlock()),
        ("trending_designs", TrendingDesignsBlock()),
        ("new_products", NewProductsBlock()),
        ("open_challenges", OpenChallengesBlock()),
        ("latest_stories", LatestStoriesBlock()),
        ("text", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))),
    ]


# ---------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------
class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, label=_("quote"))
    attribution = blocks.CharBlock(required=False, max_length=120, label=_("who said it"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "editorial/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A video from a video platform, loaded only after the visitor asks for it (privacy)."""

    video = EmbedBlock(label=_("video link"), help_text=_("A link to the video, e.g. on YouTube or Vimeo."))
    caption = blocks.CharBlock(required=False, max_length=200, label=_("caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "editorial/blocks/video.html"


def story_body_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("text", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))),
        ("image", ImageBlock(label=_("Image"), template="editorial/blocks/image.html")),
        ("quote", QuoteBlock()),
        ("design", DesignChooserBlock()),
        ("product", ProductChooserBlock()),
        ("video", VideoBlock()),
    ]


def collection_item_blocks() -> list[tuple[str, blocks.Block]]:
    return [("design", DesignChooserBlock()), ("product", ProductChooserBlock())]
