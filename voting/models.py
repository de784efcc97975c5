from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# Designs in these states may enter a challenge (drafts and submitted designs wait for approval inside it).
ENTERABLE_STATES = frozenset({"draft", "submitted", "approved"})


class ChallengeState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    SUBMISSIONS = "submissions", _("Open for entries")
    WAITING = "waiting", _("Entries closed, voting soon")
    VOTING = "voting", _("Voting")
    CLOSED = "closed", _("Closed")


class ChallengeQuerySet(models.QuerySet):
    def open_for_submission(self, now=None):
        now = now or timezone.now()
        return self.filter(submission_starts_at__lte=now, submission_ends_at__gt=now)

    def voting(self, now=None):
        now = now or timezone.now()
        return self.filter(voting_starts_at__lte=now, voting_ends_at__gt=now)

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(submission_starts_at__gt=now)

    def past(self, now=None):
        now = now or timezone.now()
        return self.filter(voting_ends_at__lte=now)


class Challenge(models.Model):
    """A voting round: makers enter designs in the submission window, the crowd votes in the voting window."""

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    brief = models.TextField(_("brief"), blank=True, help_text=_("Markdown: *italic*, **bold**, links."))
    title_de = models.CharField(_("German title"), max_length=120, blank=True)
    brief_de = models.TextField(_("German brief"), blank=True, help_text=_("Shown on the German pages."))
    categories = models.ManyToManyField(
        "designs.Category",
        blank=True,
        related_name="challenges",
        verbose_name=_("product families"),
        help_text=_("Leave empty to accept every product family."),
    )
    submission_starts_at = models.DateTimeField(_("entries open"))
    submission_ends_at = models.DateTimeField(_("entries close"))
    voting_starts_at = models.DateTimeField(_("voting starts"))
    voting_ends_at = models.DateTimeField(_("voting ends"), db_index=True)
    max_entries_per_maker = models.PositiveSmallIntegerField(_("maximum entries per maker"), default=3)
    prize_terms = models.TextField(_("prize or royalty terms"), blank=True)
    closed_at = models.DateTimeField(_("results computed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["-voting_ends_at", "-id"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [
            models.CheckConstraint(
                condition=Q(submission_ends_at__gt=models.F("submission_starts_at")),
                name="voting_challenge_submission_window_order",
            ),
            models.CheckConstraint(
                condition=Q(voting_ends_at__gt=models.F("voting_starts_at")),
                name="voting_challenge_voting_window_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("voting:challenge_detail", kwargs={"slug": self.slug})

    @property
    def local_title(self) -> str:
        return (self.title_de if get_language() == "de" else "") or self.title

    @property
    def local_brief(self) -> str:
        return (self.brief_de if get_language() == "de" else "") or self.brief

    def state_at(self, now) -> str:
        if now < self.submission_starts_at:
            return ChallengeState.UPCOMING
        if now >= self.voting_ends_at:
            return ChallengeState.CLOSED
        if self.voting_starts_at <= now:
            return ChallengeState.VOTING
        if now < self.submission_ends_at:
            return ChallengeState.SUBMISSIONS
        return ChallengeState.WAITING

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    @property
    def state_label(self) -> str:
        return ChallengeState(self.state).label

    @property
    def is_open_for_submission(self) -> bool:
        return self.submission_starts_at <= timezone.now() < self.submission_ends_at


class ChallengeEntry(models.Model):
    """A design entered into a challenge; a design enters at most one challenge."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="entries", verbose_name=_("challenge")
    )
    design = models.OneToOneField(
        "designs.Design", on_delete=models.CASCADE, related_name="challenge_entry", verbose_name=_("design")
    )
    rank = models.PositiveIntegerField(_("final rank"), null=True, blank=True)
    final_crowd_score = models.FloatField(_("final crowd score"), null=True, blank=True)
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["rank", "created_at", "id"]
        verbose_name = _("challenge entry")
        verbose_name_plural = _("challenge entries")

    def __str__(self) -> str:
        return f"{self.design} in {self.challenge}"


class Vote(models.Model):
    """One member's vote on one design: a score of 0-5 (0 = “don't make it”) and “I'd buy it”."""

    design = models.ForeignKey(
        "designs.Design", on_delete=models.CASCADE, related_name="votes", verbose_name=_("design")
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes", verbose_name=_("voter")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    would_buy = models.BooleanField(_("I'd buy it"), default=False)
    # 1 counts, 0 is held back as suspicious until an editor clears it.
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    suspicious_reasons = models.JSONField(_("reasons it looks suspicious"), default=list, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cleared by"),
    )
    cleared_at = models.DateTimeField(_("cleared"), null=True, blank=True)
    network = models.CharField(_("network"), max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("cast"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["design", "voter"], name="voting_vote_one_per_member_and_design"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=5), name="voting_vote_score_0_to_5"),
            models.CheckConstraint(condition=Q(weight__in=[0, 1]), name="voting_vote_weight_0_or_1"),
        ]
        indexes = [
            models.Index(fields=["design", "network", "created_at"]),
            models.Index(fields=["design", "weight", "would_buy"]),
        ]

    def __str__(self) -> str:
        return f"{self.voter} → {self.design}: {self.score}"

    @property
    def counted(self) -> bool:
        return self.weight == 1


class DesignVoteStats(models.Model):
    """Counters kept in the vote's transaction; `voting_recount` checks them against the votes."""

    design = models.OneToOneField(
        "designs.Design",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="vote_stats",
        verbose_name=_("design"),
    )
    votes = models.PositiveIntegerField(_("counted votes"), default=0)
    score_sum = models.PositiveIntegerField(_("sum of counted scores"), default=0)
    would_buy = models.PositiveIntegerField(_("“I'd buy it” (counted)"), default=0)
    discounted = models.PositiveIntegerField(_("discounted votes"), default=0)
    bayesian_score = models.FloatField(_("Bayesian score"), default=0.0)
    wilson_lower = models.FloatField(_("would-buy lower bound"), default=0.0)
    crowd_score = models.FloatField(_("crowd score"), default=0.0, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("vote counters")
        verbose_name_plural = _("vote counters")

    def __str__(self) -> str:
        return f"{self.design_id}: {self.votes} votes"


class MilestoneReached(models.Model):
    """An open-gallery design reached a supporter milestone (LEGO Ideas style)."""

    design = models.ForeignKey(
        "designs.Design", on_delete=models.CASCADE, related_name="milestones", verbose_name=_("design")
    )
    supporters = models.PositiveIntegerField(_("supporters needed"))
    reached_at = models.DateTimeField(_("reached"), default=timezone.now)

    class Meta:
        ordering = ["supporters"]
        verbose_name = _("milestone reached")
        verbose_name_plural = _("milestones reached")
        constraints = [models.UniqueConstraint(fields=["design", "supporters"], name="voting_milestone_once")]

    def __str__(self) -> str:
        return f"{self.design_id}: {self.supporters}"


@register_setting(icon="list-ol")
class VotingRules(BaseSiteSetting):
    """Who makes the shortlist when a challenge closes: editors tune it (Settings → Voting rules)."""

    shortlist_top_k = models.PositiveSmallIntegerField(
        _("shortlist size"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("At most this many entries of a challenge are shortlisted when it closes."),
    )
    shortlist_min_votes = models.PositiveIntegerField(
        _("fewest votes"), default=20, help_text=_("An entry needs at least this many votes to be shortlisted.")
    )
    shortlist_min_would_buy_lower = models.DecimalField(
        _("fewest buyers (lower bound)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.200"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "The lower bound of the share who would buy it must be above this: 0.2 means we are fairly "
            "sure more than one voter in five would buy it."
        ),
    )

    panels = [
        FieldPanel("shortlist_top_k"),
        FieldPanel("shortlist_min_votes"),
        FieldPanel("shortlist_min_would_buy_lower"),
    ]

    class Meta:
        verbose_name = _("voting rules")
