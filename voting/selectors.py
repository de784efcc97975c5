"""Reads for pages, other apps and the admin, with query counts that do not grow with the number of votes."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

from designs.models import PUBLIC_STATES, Design, DesignState
from designs.selectors import card_images_prefetch
from voting import rules as voting_rules
from voting.models import ENTERABLE_STATES, Challenge, ChallengeEntry, DesignVoteStats, Vote
from voting.ranking import scores_for


@dataclass(frozen=True)
class VoteSummary:
    votes: int
    discounted: int
    mean_score: float | None
    bayesian_score: float
    would_buy: int
    would_buy_share: float
    wilson_lower: float
    crowd_score: float


def summary_from_counts(*, votes: int, score_sum: int, would_buy: int, discounted: int) -> VoteSummary:
    scores = scores_for(votes=votes, score_sum=score_sum, would_buy=would_buy)
    return VoteSummary(
        votes=votes,
        discounted=discounted,
        mean_score=scores.mean_score,
        bayesian_score=scores.bayesian_score,
        would_buy=would_buy,
        would_buy_share=scores.would_buy_share,
        wilson_lower=scores.wilson_lower,
        crowd_score=scores.crowd_score,
    )


def summary_from_stats(stats: DesignVoteStats | None) -> VoteSummary:
    if stats is None:
        return summary_from_counts(votes=0, score_sum=0, would_buy=0, discounted=0)
    return summary_from_counts(
        votes=stats.votes, score_sum=stats.score_sum, would_buy=stats.would_buy, discounted=stats.discounted
    )


def vote_summary_for_designs(*, design_ids: list[int]) -> dict[int, VoteSummary]:
    """One query: the counters of every design asked for (designs without votes get an empty summary)."""
    ids = list(dict.fromkeys(design_ids))
    stats = DesignVoteStats.objects.in_bulk(ids) if ids else {}
    return {pk: summary_from_stats(stats.get(pk)) for pk in ids}


def vote_summary_for_design(design: Design) -> VoteSummary:
    """One design's summary, read once per design object (the page's panel and its structured data share it)."""
    summary = getattr(design, "_vote_summary", None)
    if summary is None:
        summary = vote_summary_for_designs(design_ids=[design.pk])[design.pk]
        design._vote_summary = summary
    return summary


def would_buy_supporter_ids(*, design: Design) -> list[int]:
    """Members whose counted vote says “I'd buy it”: the first buyers when the product launches."""
    return list(
        Vote.objects.filter(design=design, would_buy=True, weight=1)
        .order_by("created_at")
        .values_list("voter_id", flat=True)
    )


def daily_votes_rows(*, design_ids: list[int], since: date) -> QuerySet:
    """Counted votes cast per day (by the day they were first cast) on these designs, from `since` on,
    as rows (day, n): to run, or to combine with other daily figures."""
    return (
        Vote.objects.filter(design_id__in=design_ids, weight=1, created_at__date__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )


def daily_votes_for_designs(*, design_ids: list[int], since: date) -> dict[date, int]:
    """Counted votes cast per day (by the day they were first cast) on these designs, from `since` on."""
    return {row["day"]: row["n"] for row in daily_votes_rows(design_ids=design_ids, since=since)}


def design_panel_facts(*, design: Design) -> tuple[ChallengeEntry | None, list]:
    """The design page's challenge entry and reached milestones: the same for every viewer, so cached
    like a page fragment (entries, challenges and milestones empty that cache when they change)."""
    from core.pagecache import cached_fragment
    from voting.models import MilestoneReached

    def read() -> tuple[ChallengeEntry | None, list]:
        entry = ChallengeEntry.objects.select_related("challenge").filter(design_id=design.pk).first()
        return entry, list(MilestoneReached.objects.filter(design_id=design.pk))

    return cached_fragment(f"voting:design-panel:{design.pk}", read)


def vote_for(*, voter, design: Design) -> Vote | None:
    if voter is None or not voter.is_authenticated:
        return None
    return Vote.objects.filter(design=design, voter=voter).first()


def _cards(queryset: QuerySet[Design]) -> QuerySet[Design]:
    return queryset.select_related("maker", "category", "vote_stats").prefetch_related(card_images_prefetch())


def public_designs() -> QuerySet[Design]:
    return Design.objects.filter(state__in=PUBLIC_STATES, moderation_removed=False)


TRENDING_CACHE_KEY = "voting:trending:v1"


def trending_ranking(*, now=None, size: int | None = None) -> list[tuple[int, VoteSummary]]:
    """The week's ranking: (design id, summary of the counted votes of the last 7 days), best first.

    One grouped query over the week's votes, scored in Python; it grows with the week's votes, so pages
    read the cached copy (`trending_ranking_cached`), which the periodic task refreshes.
    """
    now = now or timezone.now()
    size = size or voting_rules.TRENDING_SIZE
    rows = (
        Vote.objects.filter(
            weight=1,
            created_at__gte=now - timedelta(days=7),
            design__state__in=PUBLIC_STATES,
            design__moderation_removed=False,
        )
        .values("design_id")
        .annotate(
            n=Count("pk"),
            total=Sum("score"),
            buy=Count("pk", filter=Q(would_buy=True)),
        )
        .order_by()
        .values_list("design_id", "n", "total", "buy")
    )
    weekly = {
        design_id: summary_from_counts(votes=n, score_sum=total or 0, would_buy=buy, discounted=0)
        for design_id, n, total, buy in rows.iterator(chunk_size=5000)
    }
    top = sorted(weekly, key=lambda pk: (-weekly[pk].crowd_score, -weekly[pk].votes, -pk))[:size]
    return [(pk, weekly[pk]) for pk in top]


def trending_ranking_refresh(*, now=None) -> list[tuple[int, VoteSummary]]:
    """Recompute the week's ranking and keep it in the cache (the periodic task and cold caches)."""
    ranking = trending_ranking(now=now)
    # Kept well past its freshness, so that pages can show the last ranking while a new one is made.
    cache.set(TRENDING_CACHE_KEY, (time.time(), ranking), max(3600, settings.VOTING_TRENDING_CACHE_SECONDS * 10))
    return ranking


def trending_ranking_cached() -> list[tuple[int, VoteSummary]]:
    """The ranking as of at most about VOTING_TRENDING_CACHE_SECONDS ago (docs/voting.md).

    Stale while revalidating: an expired ranking is still shown while one background task (at most
    one per period) makes the next. Computed inline only when there is none at all, or when tasks
    run inline anyway (no broker: the embedded default).
    """
    stored = cache.get(TRENDING_CACHE_KEY)
    if stored is None:
        return trending_ranking_refresh()
    computed_at, ranking = stored
    if time.time() - computed_at > settings.VOTING_TRENDING_CACHE_SECONDS:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return trending_ranking_refresh()
        if cache.add(f"{TRENDING_CACHE_KEY}:refreshing", 1, settings.VOTING_TRENDING_CACHE_SECONDS):
            from voting.tasks import trending_refresh

            transaction.on_commit(trending_refresh.delay)
    return ranking


def trending_designs(*, limit: int = 8, now=None) -> list[Design]:
    """Public designs ranked by the crowd score of the counted votes cast in the last 7 days.

    Reads the cached weekly ranking (stale by at most VOTING_TRENDING_CACHE_SECONDS), then loads the
    cards of the first `limit` designs still public: two queries plus images, whatever the week's votes.
    With `now` given, the ranking is computed for that moment instead (tests, reports).
    """
    ranking = trending_ranking(now=now) if now is not None else trending_ranking_cached()
    ranking = ranking[: limit * 2]  # a few spare in case some left the public states since
    designs = _cards(public_designs().filter(pk__in=[pk for pk, _ in ranking])).in_bulk([pk for pk, _ in ranking])
    result = []
    for pk, summary in ranking:
        design = designs.get(pk)
        if design is None:
            continue
        design.week_summary = summary
        result.append(design)
        if len(result) == limit:
            break
    return result


def challenges_open(*, now=None) -> QuerySet[Challenge]:
    """Challenges taking entries or votes right now, ending soonest first."""
    now = now or timezone.now()
    return (
        Challenge.objects.filter(submission_starts_at__lte=now, voting_ends_at__gt=now)
        .annotate(entry_count=Count("entries"))
        .order_by("voting_ends_at", "pk")
    )


def challenges_open_for_submission(*, now=None) -> QuerySet[Challenge]:
    """For the design submit form: challenges a design can enter now."""
    now = now or timezone.now()
    return Challenge.objects.open_for_submission(now).prefetch_related("categories").order_by("submission_ends_at")


def challenge_overview(*, now=None) -> dict[str, list[Challenge]]:
    """The challenges page: current, upcoming and past, in one query."""
    now = now or timezone.now()
    groups: dict[str, list[Challenge]] = {"current": [], "upcoming": [], "past": []}
    for challenge in Challenge.objects.annotate(entry_count=Count("entries")).order_by("voting_ends_at", "pk"):
        if now < challenge.submission_starts_at:
            groups["upcoming"].append(challenge)
        elif now >= challenge.voting_ends_at:
            groups["past"].append(challenge)
        else:
            groups["current"].append(challenge)
    groups["past"].reverse()
    return groups


def challenge_by_slug(*, slug: str) -> Challenge | None:
    return Challenge.objects.prefetch_related("categories").filter(slug=slug).first()


def challenge_leaderboard(*, challenge: Challenge) -> list[ChallengeEntry]:
    """Entries with their numbers: by final rank once closed, by crowd score while voting. Constant queries."""
    entries = list(
        ChallengeEntry.objects.filter(challenge=challenge, design__state__in=PUBLIC_STATES)
        .filter(design__moderation_removed=False)
        .select_related("design", "design__maker", "design__category", "design__vote_stats")
        .prefetch_related(card_images_prefetch("design__images"))
    )
    for entry in entries:
        entry.summary = summary_from_stats(getattr(entry.design, "vote_stats", None))
    if challenge.closed_at:
        entries.sort(key=lambda e: (e.rank is None, e.rank or 0, e.pk))
    else:
        entries.sort(key=lambda e: (-e.summary.crowd_score, -e.summary.votes, e.pk))
    return entries


def _comment_count_subquery():
    try:
        from django_comments_xtd.models import XtdComment
    except ImportError:  # pragma: no cover - the comments app is installed in this project
        return None
    content_type = ContentType.objects.get_for_model(Design)
    return Coalesce(
        Subquery(
            XtdComment.objects.filter(
                content_type=content_type,
                object_pk=Cast(OuterRef("pk"), CharField()),
                is_public=True,
                is_removed=False,
            )
            .order_by()
            .values("content_type")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def shortlist_queryset() -> QuerySet[Design]:
    """Shortlisted designs, best crowd score first, with their counters and comment count."""
    queryset = _cards(Design.objects.filter(state=DesignState.SHORTLISTED, moderation_removed=False))
    comments = _comment_count_subquery()
    if comments is not None:
        queryset = queryset.annotate(comment_count=comments)
    return queryset.select_related("challenge_entry__challenge").order_by("-vote_stats__crowd_score", "pk")


def discounted_reasons(*, design: Design) -> dict[str, int]:
    """How many held-back votes a design has, by reason (a vote can have several)."""
    counts: Counter[str] = Counter()
    for reasons in Vote.objects.filter(design=design, weight=0).values_list("suspicious_reasons", flat=True):
        counts.update(reasons or [])
    return dict(counts)


def designs_with_held_back_votes_queryset() -> QuerySet[Design]:
    """Every design with held-back votes, the most held back first."""
    return (
        Design.objects.filter(vote_stats__discounted__gt=0)
        .select_related("maker", "vote_stats")
        .order_by("-vote_stats__discounted", "pk")
    )


def attach_held_back_reasons(designs: list[Design]) -> list[Design]:
    """Sets `held_back_reasons` (reason code -> count) on each design: one query for all of them."""
    by_design: dict[int, Counter[str]] = {d.pk: Counter() for d in designs}
    rows = Vote.objects.filter(design_id__in=by_design, weight=0).values_list("design_id", "suspicious_reasons")
    for design_id, reasons in rows:
        by_design[design_id].update(reasons or [])
    for design in designs:
        design.held_back_reasons = dict(by_design[design.pk])
    return designs


def held_back_votes(*, design: Design) -> QuerySet[Vote]:
    return Vote.objects.filter(design=design, weight=0).select_related("voter").order_by("created_at")


def enterable_designs(*, maker, challenge: Challenge) -> list[Design]:
    """The maker's designs that may still enter `challenge`: right state, family, not entered anywhere yet."""
    if maker is None or not maker.is_authenticated:
        return []
    queryset = Design.objects.filter(
        maker_id=maker.pk, state__in=ENTERABLE_STATES, moderation_removed=False, challenge_entry__isnull=True
    )
    family_ids = [c.pk for c in challenge.categories.all()]
    if family_ids:
        queryset = queryset.filter(category_id__in=family_ids)
    return list(queryset.order_by("-created_at", "-pk"))


def entries_left(*, maker, challenge: Challenge) -> int:
    """How many more designs the maker may enter into the challenge."""
    if maker is None or not maker.is_authenticated:
        return challenge.max_entries_per_maker
    used = ChallengeEntry.objects.filter(challenge=challenge, design__maker_id=maker.pk).count()
    return max(0, challenge.max_entries_per_maker - used)


def featured_challenge(*, now=None) -> Challenge | None:
    """The challenge to point newcomers at: one taking entries, else one in its voting window."""
    now = now or timezone.now()
    taking = Challenge.objects.open_for_submission(now).order_by("submission_ends_at", "pk").first()
    if taking is not None:
        return taking
    return Challenge.objects.voting(now).order_by("voting_ends_at", "pk").first()


def challenges_for_design(*, design: Design, viewer, now=None) -> list[Challenge]:
    """Open challenges the viewer (the design's maker) can enter this design into, for the design page."""
    if viewer is None or not viewer.is_authenticated or viewer.pk != design.maker_id:
        return []
    if design.state not in ENTERABLE_STATES or design.moderation_removed:
        return []
    if ChallengeEntry.objects.filter(design=design).exists():
        return []
    result = []
    for challenge in challenges_open_for_submission(now=now):
        families = [c.pk for c in challenge.categories.all()]
        if families and design.category_id not in families:
            continue
        if entries_left(maker=viewer, challenge=challenge) > 0:
            result.append(challenge)
    return result


@dataclass(frozen=True)
class MilestoneProgress:
    supporters: int
    have: int
    percent: int
    deadline: object


def next_milestone(
    *, design: Design, summary: VoteSummary, now=None, reached: set[int] | None = None
) -> MilestoneProgress | None:
    """The open-gallery design's next supporter milestone and how far it is ("12 of 50 supporters").

    `reached`: the supporter counts already reached, when the caller has read them.
    """

    now = now or timezone.now()
    if design.state != DesignState.APPROVED or not design.voting_starts_at or not voting_rules.MILESTONES:
        return None
    from voting.models import MilestoneReached

    if reached is None:
        reached = set(MilestoneReached.objects.filter(design=design).values_list("supporters", flat=True))
    for supporters, days in sorted(voting_rules.MILESTONES):
        if supporters in reached:
            continue
        deadline = design.voting_starts_at + timedelta(days=days)
        if deadline < now:
            return None
        have = summary.would_buy
        return MilestoneProgress(
            supporters=supporters, have=have, percent=min(100, round(100 * have / supporters)), deadline=deadline
        )
    return None
