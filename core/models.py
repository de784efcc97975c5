from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class QueuedEmail(models.Model):
    """An email the mail server did not take; core/mail.py sends it again later, so none is lost."""

    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"), blank=True)
    from_email = models.CharField(_("from"), max_length=320, blank=True)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    alternatives = models.JSONField(default=list, blank=True, help_text=_("[content, mimetype] pairs, e.g. HTML"))
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("queued email")
        verbose_name_plural = _("queued emails")

    def __str__(self) -> str:
        return self.subject


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))
    label = blocks.CharBlock(
        label=_("label"),
        required=False,
        max_length=60,
        help_text=_("Empty: the page's title in the visitor's language."),
    )

    class Meta:
        icon = "doc-empty"
        label = _("Page")


class UrlLinkBlock(blocks.StructBlock):
    url = blocks.CharBlock(
        label=_("address"),
        max_length=300,
        help_text=_("A path on this site (/challenges/how-it-works/) or a full https:// address."),
    )
    label = blocks.CharBlock(
        label=_("label"),
        max_length=60,
        help_text=_("Shown in the visitor's language where the site's translations know it."),
    )

    class Meta:
        icon = "link"
        label = _("Link")


def _legal_page(verbose_name) -> models.ForeignKey:
    """An optional link to one of the site's legal pages (kept when the page is deleted: the link empties)."""
    return models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


@register_setting(icon="link")
class SiteLinks(BaseSiteSetting):
    """The footer's links and the legal pages the shop links to (Settings → Footer and legal pages).

    Read through core/links.py, which caches the resolved links per language: the footer costs no query.
    """

    footer_links = StreamField(
        [("page", PageLinkBlock()), ("link", UrlLinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("In this order. Empty: the standard pages (about, imprint, privacy, terms, …)."),
    )
    terms_page = _legal_page(_("terms and conditions"))
    withdrawal_page = _legal_page(_("withdrawal policy"))
    shipping_page = _legal_page(_("shipping and payment"))
    privacy_page = _legal_page(_("privacy policy"))
    imprint_page = _legal_page(_("imprint"))

    panels = [
        FieldPanel("footer_links"),
        MultiFieldPanel(
            [
                FieldPanel("terms_page"),
                FieldPanel("withdrawal_page"),
                FieldPanel("shipping_page"),
                FieldPanel("privacy_page"),
                FieldPanel("imprint_page"),
            ],
            heading=_("Legal pages (linked at checkout and next to prices)"),
            help_text=_("Empty: the page at /terms/, /withdrawal/, … in the visitor's language."),
        ),
    ]

    class Meta:
        verbose_name = _("footer and legal pages")
