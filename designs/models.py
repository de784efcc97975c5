from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase


class DesignState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("In voting")
    REJECTED = "rejected", _("Rejected")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")
    IN_PRODUCTION = "in_production", _("In production")
    ON_SALE = "on_sale", _("On sale")
    RETIRED = "retired", _("Retired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States anyone may see; the rest are visible to the maker and editors only.
PUBLIC_STATES = frozenset(
    {
        DesignState.APPROVED,
        DesignState.SHORTLISTED,
        DesignState.SELECTED,
        DesignState.NOT_SELECTED,
        DesignState.IN_PRODUCTION,
        DesignState.ON_SALE,
        DesignState.RETIRED,
    }
)


# Once on sale, retired or withdrawn, a design no longer changes.
EDITABLE_STATES = frozenset(set(DesignState) - {DesignState.ON_SALE, DesignState.RETIRED, DesignState.WITHDRAWN})
# The maker may send these for (another) review.
SUBMITTABLE_STATES = frozenset({DesignState.DRAFT, DesignState.REJECTED})
# The editors have decided: selected or not.
DECIDED_STATES = frozenset({DesignState.SELECTED, DesignState.NOT_SELECTED})


class Category(models.Model):
    """A product family: apparel, poster, sticker, mug, …"""

    name = models.CharField(_("name"), max_length=60)
    name_de = models.CharField(_("German name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        return self.name_de if get_language() == "de" and self.name_de else self.name


class DesignTag(TaggedItemBase):
    content_object = ParentalKey("designs.Design", on_delete=models.CASCADE, related_name="tagged_items")


class Design(ClusterableModel):
    maker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="designs", verbose_name=_("maker")
    )
    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown: *italic*, **bold**, links."))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="designs", verbose_name=_("category"))
    tags = ClusterTaggableManager(through=DesignTag, blank=True, verbose_name=_("tags"))
    rights_confirmed = models.BooleanField(_("I own the rights to this work"), default=False)
    mature = models.BooleanField(_("mature content"), default=False)
    state = models.CharField(
        _("state"), max_length=20, choices=DesignState.choices, default=DesignState.DRAFT, db_index=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    decision_reason = models.TextField(_("editor's reason"), blank=True)
    moderation_removed = models.BooleanField(_("removed by moderation"), default=False)
    moderation_hidden = models.BooleanField(
        _("hidden pending review"), default=False, help_text=_("Set while flags wait for a moderator.")
    )
    voting_starts_at = models.DateTimeField(_("voting starts"), null=True, blank=True)
    voting_ends_at = models.DateTimeField(_("voting ends"), null=True, blank=True, db_index=True)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("design")
        verbose_name_plural = _("designs")
        permissions = [("moderate_design", _("Can approve, reject and decide on designs"))]
        indexes = [
            models.Index(fields=["state", "-approved_at"]),
            # The public list's default order, only over public rows: /designs/ pages without a sort.
            models.Index(
                fields=["-approved_at", "-created_at", "-id"],
                name="designs_public_newest",
                condition=models.Q(state__in=sorted(PUBLIC_STATES), moderation_removed=False, moderation_hidden=False),
            ),
            models.Index(
                fields=["-view_count", "-id"],
                name="designs_public_top",
                condition=models.Q(state__in=sorted(PUBLIC_STATES), moderation_removed=False, moderation_hidden=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("designs:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES and not self.moderation_removed and not self.moderation_hidden

    @property
    def is_editable(self) -> bool:
        """The maker may still edit it (fully while draft/submitted/rejected, the description later)."""
        return self.state in EDITABLE_STATES

    @property
    def can_be_submitted(self) -> bool:
        return self.state in SUBMITTABLE_STATES

    @property
    def is_decided(self) -> bool:
        return self.state in DECIDED_STATES

    @property
    def is_in_voting(self) -> bool:
        return self.state == DesignState.APPROVED

    @property
    def is_rejected(self) -> bool:
        return self.state == DesignState.REJECTED

    @property
    def is_draft(self) -> bool:
        return self.state == DesignState.DRAFT

    @property
    def is_submitted(self) -> bool:
        """Waiting for the editors' review."""
        return self.state == DesignState.SUBMITTED

    @property
    def is_selected(self) -> bool:
        return self.state == DesignState.SELECTED

    @property
    def state_label(self) -> str:
        return DesignState(self.state).label

    @property
    def cover(self) -> DesignImage | None:
        images = list(self.images.all())
        return images[0] if images else None

    def fragment_version(self) -> tuple:
        """What a cached card or panel of this design shows (core/fragcache.py), beside what empties the
        page cache's generation (its images, its category, the maker's profile): any save moves
        `updated_at`; the higher apps' card facts (votes, time left) and the maker's name are read with it."""
        return (self.pk, self.updated_at, self.state, self.maker.public_name, str(getattr(self, "card_facts", "")))


class DesignImage(models.Model):
    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    alt_text = models.CharField(_("image description"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("design image")
        verbose_name_plural = _("design images")

    def __str__(self) -> str:
        return f"{self.design} #{self.position}"

    @property
    def alt(self) -> str:
        return self.alt_text or self.design.title


class DesignTransition(models.Model):
    """Who moved a design from which state to which, when and why."""

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=DesignState.choices)
    to_state = models.CharField(max_length=20, choices=DesignState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("design transition")
        verbose_name_plural = _("design transitions")

    def __str__(self) -> str:
        return f"{self.design}: {self.from_state} → {self.to_state}"


class DesignSlugHistory(models.Model):
    """Old slugs answer with a redirect to the current one."""

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(max_length=140, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.slug


class DesignDailyViews(models.Model):
    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["design", "day"], name="designs_daily_views_unique")]

    def __str__(self) -> str:
        return f"{self.design} {self.day}: {self.views}"
