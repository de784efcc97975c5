from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from editorial.blocks import HeroBlock


class HomePage(Page):
    """The front page. Editors choose and order its blocks."""

    body = StreamField(
        [
            ("hero", HeroBlock()),
            ("text", blocks.RichTextBlock(features=["bold", "italic", "link", "h2", "h3", "ol", "ul"])),
        ],
        blank=True,
        verbose_name=_("body"),
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = None

    class Meta:
        verbose_name = _("home page")

    template = "editorial/home_page.html"


class StandardPage(Page):
    """About, FAQ, imprint, privacy, terms."""

    intro = models.TextField(_("intro"), blank=True, max_length=500)
    body = StreamField(
        [
            ("text", blocks.RichTextBlock(features=["bold", "italic", "link", "h2", "h3", "ol", "ul"])),
        ],
        blank=True,
        verbose_name=_("body"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["editorial.HomePage", "editorial.StandardPage"]
    subpage_types = ["editorial.StandardPage"]
    template = "editorial/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
