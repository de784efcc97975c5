"""Every change in voting happens here: entries, votes and their counters, clearing, closing, decisions."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from community.services import trust_record_later
from core import ratelimit
from core.site_settings import load as load_site_settings
from designs.models import Design, DesignState
from designs.services import (
    design_leave_voting,
    design_not_select,
    design_select,
    design_shortlist,
    is_editor,
)
from notifications.services import notify
from voting import abuse
from voting import rules as voting_rules
from voting.models import (
    ENTERABLE_STATES,
    Challenge,
    ChallengeEntry,
    DesignVoteStats,
    MilestoneReached,
    Vote,
    VotingRules,
)
from voting.ranking import scores_for

logger = logging.getLogger(__name__)
S = DesignState


class VoteRefused(PermissionDenied):
    """The member may not vote (or no longer): the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class VoteRateLimited(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------
# Challenge entries
# ---------------------------------------------------------------------------
def challenge_enter(*, challenge: Challenge, design: Design, actor: User) -> ChallengeEntry:
    """Enter a design into a challenge: the maker's own design, in the entry window, within the limits."""
    if actor.pk != design.maker_id:
        raise PermissionDenied(_("Only the maker can enter this design."))
    with transaction.atomic():
        locked = Design.objects.select_for_update().get(pk=design.pk)
        challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
        now = timezone.now()
        if not (challenge.submission_starts_at <= now < challenge.submission_ends_at):
            raise ValidationError(_("“%(title)s” does not take entries right now.") % {"title": challenge.title})
        if locked.state not in ENTERABLE_STATES:
            raise ValidationError(
                _("A design that is %(state)s cannot enter a challenge.") % {"state": locked.state_label}
            )
        if ChallengeEntry.objects.filter(design=locked).exists():
            raise ValidationError(_("This design is already entered in a challenge."))
        family_ids = set(challenge.categories.values_list("pk", flat=True))
        if family_ids and locked.category_id not in family_ids:
            raise ValidationError(
                _("“%(title)s” takes these product families only: %(families)s.")
                % {
                    "title": challenge.title,
                    "families": ", ".join(c.label for c in challenge.categories.all()),
                }
            )
        entered = ChallengeEntry.objects.filter(challenge=challenge, design__maker_id=locked.maker_id).count()
        if entered >= challenge.max_entries_per_maker:
            raise ValidationError(
                _("You can enter at most %(n)s designs in this challenge.") % {"n": challenge.max_entries_per_maker}
            )
        entry = ChallengeEntry.objects.create(challenge=challenge, design=locked)
        if locked.state == S.APPROVED:
            _align_window_with_challenge(locked, challenge)
    return entry


def _align_window_with_challenge(design: Design, challenge: Challenge) -> None:
    Design.objects.filter(pk=design.pk).update(
        voting_starts_at=challenge.voting_starts_at, voting_ends_at=challenge.voting_ends_at
    )


def design_voting_opened(*, design: Design) -> None:
    """A design was approved: give it the right window and its counters.

    A challenge entry votes in the challenge's window. An open-gallery design keeps voting
    open at least until its first supporter milestone's deadline.
    """
    with transaction.atomic():
        _ensure_stats(design.pk)
        locked = Design.objects.select_for_update().get(pk=design.pk)
        if locked.state != S.APPROVED:
            return
        entry = ChallengeEntry.objects.select_related("challenge").filter(design=locked).first()
        if entry:
            _align_window_with_challenge(locked, entry.challenge)
            return
        milestones = sorted(voting_rules.MILESTONES)
        if milestones and locked.voting_starts_at:
            deadline = locked.voting_starts_at + timedelta(days=milestones[0][1])
            if locked.voting_ends_at is None or locked.voting_ends_at < deadline:
                Design.objects.filter(pk=locked.pk).update(voting_ends_at=deadline)


# ---------------------------------------------------------------------------
# Votes
# ---------------------------------------------------------------------------
def vote_refusal_reason(
    *, voter: User | None, design: Design, now: datetime | None = None, email_verified: bool | None = None
) -> str | None:
    """None when the member may vote on the design now; otherwise the reason, for people to read.

    `email_verified` is the answer when the caller already read it (the vote's context query).
    """
    now = now or timezone.now()
    if voter is None or not voter.is_authenticated:
        return _("Log in to vote.")
    if not voter.is_active:
        return _("Your account is not active.")
    if design.maker_id == voter.pk:
        return _("You cannot vote on your own design.")
    closed = _window_refusal(design, now)
    if closed:
        return closed
    if now - voter.date_joined < timedelta(hours=voting_rules.MIN_ACCOUNT_AGE_HOURS):
        return _("New accounts can vote %(hours)s hours after signing up.") % {
            "hours": voting_rules.MIN_ACCOUNT_AGE_HOURS
        }
    if email_verified is None:
        email_verified = EmailAddress.objects.filter(user=voter, verified=True).exists()
    if not email_verified:
        return _("Please confirm your email address before you vote.")
    return None


def _window_refusal(design: Design, now: datetime) -> str | None:
    if design.state != S.APPROVED or design.moderation_removed:
        return _("Voting on this design is closed.")
    if design.voting_starts_at and now < design.voting_starts_at:
        return _("Voting on this design has not started yet.")
    if design.voting_ends_at and now >= design.voting_ends_at:
        return _("Voting on this design is closed.")
    return None


def vote_rate_check(*, voter: User) -> None:
    """At most VOTING_RATE_LIMIT_PER_MINUTE vote actions per member in a calendar minute (shared cache).

    Fails open: one vote per member and design is kept by the database, so with Redis down the
    limit is only counted per process.
    """
    limit = voting_rules.RATE_LIMIT_PER_MINUTE
    bucket = int(timezone.now().timestamp() // 60)
    if not ratelimit.hit(key=f"voting:{voter.pk}:{bucket}", limit=limit, window_seconds=120, fail_open=True):
        raise VoteRateLimited(
            _("You are voting very fast: at most %(n)s votes a minute. Please wait a moment and try again.")
            % {"n": limit}
        )


def _ensure_stats(design_id: int) -> None:
    DesignVoteStats.objects.bulk_create([DesignVoteStats(design_id=design_id)], ignore_conflicts=True)


def _locked_stats(design_id: int) -> DesignVoteStats:
    _ensure_stats(design_id)
    return DesignVoteStats.objects.select_for_update().get(pk=design_id)


def _apply(stats: DesignVoteStats, vote: Vote, sign: int) -> None:
    if vote.weight:
        stats.votes += sign
        stats.score_sum += sign * vote.score
        stats.would_buy += sign * int(vote.would_buy)
    else:
        stats.discounted += sign


def _refresh_scores(stats: DesignVoteStats) -> None:
    scores = scores_for(votes=stats.votes, score_sum=stats.score_sum, would_buy=stats.would_buy)
    stats.bayesian_score = scores.bayesian_score
    stats.wilson_lower = scores.wilson_lower
    stats.crowd_score = scores.crowd_score


def score_message() -> str:
    return _("Choose a score from 0 (“don't make it”) to 5.")


def _check_score(score: int) -> None:
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 5:
        raise ValidationError({"score": score_message()})


@dataclass
class VoteCast:
    """A vote as cast, with the design's counters right after it (under the same lock)."""

    vote: Vote
    stats: DesignVoteStats
    milestone_reached: bool = False


def _lock_stats_fast(design_id: int) -> DesignVoteStats:
    """The counter row, locked: one statement when it exists (it is made when voting opens)."""
    stats = DesignVoteStats.objects.select_for_update().filter(pk=design_id).first()
    return stats if stats is not None else _locked_stats(design_id)


_CONTEXT_SQL = None


def _context_sql() -> str:
    """The vote's one read (table names from the models; every value is a parameter)."""
    global _CONTEXT_SQL
    if _CONTEXT_SQL is None:
        design, vote = Design._meta.db_table, Vote._meta.db_table
        email, entry = EmailAddress._meta.db_table, ChallengeEntry._meta.db_table
        milestone = MilestoneReached._meta.db_table
        _CONTEXT_SQL = (
            f"SELECT d.id, d.maker_id, d.slug, d.state, d.moderation_removed, d.voting_starts_at, d.voting_ends_at, "  # noqa: S608
            f"EXISTS (SELECT 1 FROM {email} e WHERE e.user_id = %s AND e.verified = %s) AS email_verified, "
            f"v.id AS mine_id, v.score AS mine_score, v.would_buy AS mine_would_buy, v.weight AS mine_weight, "
            f"v.suspicious_reasons AS mine_reasons, v.cleared_at AS mine_cleared_at, "
            f"(SELECT COUNT(*) FROM {vote} b WHERE b.design_id = d.id AND b.network = %s AND b.created_at >= %s "
            f"AND b.voter_id <> %s) AS burst_others, "
            f"EXISTS (SELECT 1 FROM {entry} c WHERE c.design_id = d.id) AS in_challenge, "
            f"(SELECT MAX(m.supporters) FROM {milestone} m WHERE m.design_id = d.id) AS top_milestone "
            f"FROM {design} d LEFT JOIN {vote} v ON v.design_id = d.id AND v.voter_id = %s "
            f"WHERE d.id = %s"
        )
    return _CONTEXT_SQL


def _vote_context(*, design_id: int, voter: User, network: str, now: datetime) -> Design:
    """The design, re-read under the counter lock, with all a vote needs in one query.

    Annotated: whether the voter's email address is verified, the voter's vote on it (if any), how
    many others voted on it from the same network within the burst window, whether it is a challenge
    entry, and the highest supporter milestone it reached. Raw SQL: the same query through the ORM
    cost more to compile than to run.
    """
    params = [voter.pk, True, network, abuse.burst_window_start(now), voter.pk, voter.pk, design_id]
    rows = list(Design.objects.raw(_context_sql(), params))
    if not rows:
        raise Design.DoesNotExist(f"No design {design_id}")
    fresh = rows[0]
    fresh.email_verified = bool(fresh.email_verified)
    fresh.in_challenge = bool(fresh.in_challenge)
    fresh.burst_others = int(fresh.burst_others or 0) if network else 0
    return fresh


def _as_datetime(value) -> datetime | None:
    """A timestamp from a raw column: PostgreSQL gives a datetime, SQLite a string."""
    if value is None or isinstance(value, datetime):
        return value
    from django.utils.dateparse import parse_datetime

    parsed = parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.utc)
    return parsed


def _existing_vote(fresh: Design, voter: User) -> Vote | None:
    import json

    if fresh.mine_id is None:
        return None
    reasons = fresh.mine_reasons
    if isinstance(reasons, (str, bytes)):
        reasons = json.loads(reasons or "[]")
    vote = Vote(
        pk=fresh.mine_id,
        design=fresh,
        voter=voter,
        score=fresh.mine_score,
        would_buy=bool(fresh.mine_would_buy),
        weight=fresh.mine_weight,
        suspicious_reasons=reasons if isinstance(reasons, list) else [],
        cleared_at=_as_datetime(fresh.mine_cleared_at),
    )
    vote._state.adding = False
    vote._state.db = fresh._state.db
    return vote


def _reasons(*, voter: User, fresh: Design, network: str, now: datetime) -> list[str]:
    """abuse.suspicious_reasons, from the context query's burst count (only young accounts cost a query)."""
    reasons = []
    if abuse.is_new_account(voter, now) and abuse.concentrates_on_maker(voter=voter, design=fresh):
        reasons.append(abuse.NEW_ACCOUNT_CONCENTRATION)
    if network and fresh.burst_others + 1 >= voting_rules.BURST_VOTES:
        reasons.append(abuse.NETWORK_BURST)
    return reasons


def vote_cast(*, voter: User, design: Design, score: int, would_buy: bool = False, network: str = "", now=None) -> Vote:
    """Cast or change a member's vote; counters change in the same transaction, under the design's lock."""
    return vote_cast_counted(
        voter=voter, design=design, score=score, would_buy=would_buy, network=network, now=now
    ).vote


_CAST_NEW_SQL = (
    "SELECT outcome, design_id, vote_id, votes, score_sum, would_buy, discounted, bayesian_score, wilson_lower, "
    "crowd_score FROM voting_cast_new(%s::bigint, %s::text, %s::bigint, %s::integer, %s::boolean, %s::text, "
    "%s::timestamptz, %s::timestamptz, %s::integer, %s::integer[], %s::integer[], "
    "%s::double precision, %s::double precision, %s::double precision, %s::double precision)"
)


def _cast_in_one_statement(
    *, voter: User, design: Design | None, slug: str = "", score: int, would_buy: bool, network: str, now: datetime
) -> VoteCast | None:
    """A member's first vote on a design, in one statement (PostgreSQL); None when the general path must decide.

    `voting_cast_new` (voting/migrations/0005) locks the counter row, checks the rules that need the
    database, inserts the vote and adds it to the counters, or writes nothing and answers 'other'
    (a vote already there, a refusal, a burst, a milestone within reach, no counter row yet).
    Accounts young enough for the anti-abuse rules never come here: their rules count in Python.
    Outside a transaction the statement is its own one: one round trip instead of five. Without
    `design`, the function finds the design by its `slug`.
    """
    if not settings.VOTING_CAST_ONE_STATEMENT or connection.vendor != "postgresql":
        return None
    if not voter.is_active or now - voter.date_joined < timedelta(
        hours=max(voting_rules.MIN_ACCOUNT_AGE_HOURS, voting_rules.SUSPICIOUS_ACCOUNT_HOURS)
    ):
        return None
    milestones = sorted(voting_rules.MILESTONES)
    params = [
        design.pk if design is not None else None,
        slug,
        voter.pk,
        score,
        bool(would_buy),
        network or "",
        now,
        abuse.burst_window_start(now),
        voting_rules.BURST_VOTES,
        [supporters for supporters, _days in milestones],
        [days for _supporters, days in milestones],
        float(voting_rules.PRIOR_MEAN),
        float(voting_rules.PRIOR_WEIGHT),
        float(voting_rules.WILSON_Z),
        float(voting_rules.SCORE_WEIGHT),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_CAST_NEW_SQL, params)
        row = cursor.fetchone()
    if row is None or row[0] != "cast":
        return None
    _outcome, design_id, vote_id, votes, score_sum, buyers, discounted, bayesian, wilson, crowd = row
    vote = Vote(
        pk=vote_id,
        design_id=design_id,
        voter=voter,
        score=score,
        would_buy=bool(would_buy),
        weight=1,
        suspicious_reasons=[],
        network=network or "",
        created_at=now,
        updated_at=now,
    )
    if design is not None:
        vote.design = design
    stats = DesignVoteStats(
        design_id=design_id,
        votes=votes,
        score_sum=score_sum,
        would_buy=buyers,
        discounted=discounted,
        bayesian_score=bayesian,
        wilson_lower=wilson,
        crowd_score=crowd,
        updated_at=now,
    )
    for instance in (vote, stats):
        instance._state.adding = False
        instance._state.db = connection.alias
    voter_id = voter.pk
    transaction.on_commit(lambda: trust_record_later(user_id=voter_id, event="vote"))
    return VoteCast(vote=vote, stats=stats)


def vote_cast_counted(
    *, voter: User, design: Design, score: int, would_buy: bool = False, network: str = "", now=None
) -> VoteCast:
    """vote_cast, returning the counters too (the vote button's answer shows them without another read).

    A member's first vote on a design is one statement on PostgreSQL (`_cast_in_one_statement`).
    Otherwise, statements per vote: the counter row locked, one query for everything the rules need,
    the vote written, the counters written. The member's trust counter is buffered (community).
    """
    _check_score(score)
    vote_rate_check(voter=voter)
    now = now or timezone.now()
    cast = _cast_in_one_statement(
        voter=voter, design=design, score=score, would_buy=would_buy, network=network, now=now
    )
    if cast is not None:
        return cast
    return _vote_cast_general(voter=voter, design=design, score=score, would_buy=would_buy, network=network, now=now)


def vote_cast_at(
    *, voter: User, slug: str, score: int, would_buy: bool = False, network: str = "", now=None
) -> VoteCast:
    """vote_cast_counted for the vote button, which knows the design's address (slug).

    A first vote on PostgreSQL reads no design: the one statement finds it. Otherwise the design is
    read and the general path decides. Raises Design.DoesNotExist for an unknown address.
    """
    _check_score(score)
    vote_rate_check(voter=voter)
    now = now or timezone.now()
    cast = _cast_in_one_statement(
        voter=voter, design=None, slug=slug, score=score, would_buy=would_buy, network=network, now=now
    )
    if cast is not None:
        return cast
    design = Design.objects.get(slug=slug)
    cast = _vote_cast_general(voter=voter, design=design, score=score, would_buy=would_buy, network=network, now=now)
    cast.vote.design = design  # the whole row, for a panel rendered again
    return cast


def _vote_cast_general(
    *, voter: User, design: Design, score: int, would_buy: bool, network: str, now: datetime
) -> VoteCast:
    """Every vote the one statement leaves: under the counter lock, with every rule in Python."""
    milestone = False
    with transaction.atomic():
        stats = _lock_stats_fast(design.pk)  # serialises every vote on this design
        fresh = _vote_context(design_id=design.pk, voter=voter, network=network, now=now)
        refusal = vote_refusal_reason(voter=voter, design=fresh, now=now, email_verified=fresh.email_verified)
        if refusal:
            raise VoteRefused(refusal)
        vote = _existing_vote(fresh, voter)
        reasons = _reasons(voter=voter, fresh=fresh, network=network, now=now)
        if vote is None:
            vote = Vote(design=fresh, voter=voter, created_at=now, network=network)
            # Votes cast count toward the voter's trust level (community counts them, buffered).
            voter_id = voter.pk
            transaction.on_commit(lambda: trust_record_later(user_id=voter_id, event="vote"))
        else:
            _apply(stats, vote, -1)
        vote.score = score
        vote.would_buy = bool(would_buy)
        if vote.cleared_at is None and reasons:
            vote.suspicious_reasons = sorted(set(vote.suspicious_reasons) | set(reasons))
            vote.weight = 0
        if vote._state.adding:
            vote.save()
        else:
            vote.save(update_fields=["score", "would_buy", "weight", "suspicious_reasons", "updated_at"])
        _apply(stats, vote, +1)
        if abuse.NETWORK_BURST in reasons:
            _hold_back_burst(stats, fresh, network, now)
        _refresh_scores(stats)
        stats.save()
        if _milestone_possible(fresh, stats, now):
            milestone = _record_milestones(fresh, stats, now)
        if abuse.NEW_ACCOUNT_CONCENTRATION in reasons:
            voter_id, maker_id = voter.pk, fresh.maker_id
            transaction.on_commit(lambda: _queue_concentration(voter_id, maker_id))
    return VoteCast(vote=vote, stats=stats, milestone_reached=milestone)


def _milestone_possible(design: Design, stats: DesignVoteStats, now: datetime) -> bool:
    """From the context query: could this vote reach a milestone? (Milestones are reached in order.)"""
    if design.state != S.APPROVED or not design.voting_starts_at or not voting_rules.MILESTONES:
        return False
    if design.in_challenge:
        return False
    top = design.top_milestone or 0
    for supporters, days in sorted(voting_rules.MILESTONES):
        if supporters <= top:
            continue
        return stats.would_buy >= supporters and now <= design.voting_starts_at + timedelta(days=days)
    return False


def _hold_back_burst(stats: DesignVoteStats, design: Design, network: str, now: datetime) -> None:
    """The earlier votes of the burst (same design and network) are held back too."""
    earlier = Vote.objects.filter(
        design=design, network=network, created_at__gte=abuse.burst_window_start(now), weight=1, cleared_at=None
    )
    for other in earlier:
        _apply(stats, other, -1)
        other.weight = 0
        other.suspicious_reasons = sorted(set(other.suspicious_reasons) | {abuse.NETWORK_BURST})
        other.save(update_fields=["weight", "suspicious_reasons", "updated_at"])
        _apply(stats, other, +1)


def _queue_concentration(voter_id: int, maker_id: int) -> None:
    from voting.tasks import votes_hold_back_concentration

    votes_hold_back_concentration.delay(voter_id, maker_id)


def votes_hold_back_for_concentration(*, voter_id: int, maker_id: int) -> int:
    """Hold back a young account's earlier votes on the maker it concentrates on; one design at a time."""
    design_ids = list(
        Vote.objects.filter(voter_id=voter_id, design__maker_id=maker_id, weight=1, cleared_at=None)
        .order_by("design_id")
        .values_list("design_id", flat=True)
    )
    held = 0
    for design_id in design_ids:
        with transaction.atomic():
            stats = _locked_stats(design_id)
            vote = Vote.objects.filter(voter_id=voter_id, design_id=design_id, weight=1, cleared_at=None).first()
            if vote is None:
                continue
            _apply(stats, vote, -1)
            vote.weight = 0
            vote.suspicious_reasons = sorted(set(vote.suspicious_reasons) | {abuse.NEW_ACCOUNT_CONCENTRATION})
            vote.save(update_fields=["weight", "suspicious_reasons", "updated_at"])
            _apply(stats, vote, +1)
            _refresh_scores(stats)
            stats.save()
            held += 1
    return held


def vote_remove(*, voter: User, design: Design, now=None) -> bool:
    """Take a vote back while the window is open. Returns False when there was none."""
    vote_rate_check(voter=voter)
    now = now or timezone.now()
    with transaction.atomic():
        stats = _locked_stats(design.pk)
        fresh = Design.objects.get(pk=design.pk)
        refusal = _window_refusal(fresh, now)
        if refusal:
            raise VoteRefused(refusal)
        vote = Vote.objects.filter(design=fresh, voter=voter).first()
        if vote is None:
            return False
        _apply(stats, vote, -1)
        vote.delete()
        _refresh_scores(stats)
        stats.save()
    return True


def votes_clear(*, design: Design, actor: User, vote_ids: list[int] | None = None) -> int:
    """An editor clears held-back votes: they count from now on. Returns how many were cleared."""
    if not is_editor(actor):
        raise PermissionDenied(_("Only editors can do this."))
    now = timezone.now()
    with transaction.atomic():
        stats = _locked_stats(design.pk)
        held = Vote.objects.filter(design=design, weight=0)
        if vote_ids is not None:
            held = held.filter(pk__in=vote_ids)
        cleared = 0
        for vote in held:
            _apply(stats, vote, -1)
            vote.weight = 1
            vote.cleared_by = actor
            vote.cleared_at = now
            vote.save(update_fields=["weight", "cleared_by", "cleared_at", "updated_at"])
            _apply(stats, vote, +1)
            cleared += 1
        _refresh_scores(stats)
        stats.save()
        _record_milestones(Design.objects.get(pk=design.pk), stats, now)
    return cleared


# ---------------------------------------------------------------------------
# Supporter milestones (open gallery)
# ---------------------------------------------------------------------------
def _record_milestones(design: Design, stats: DesignVoteStats, now: datetime) -> bool:
    """Called under the design's counter lock: record milestones the would-buy count just reached in time.

    Returns True when one was recorded.
    """
    recorded = False
    if design.state != S.APPROVED or not design.voting_starts_at or not voting_rules.MILESTONES:
        return recorded
    if ChallengeEntry.objects.filter(design_id=design.pk).exists():
        return recorded
    reached = set(MilestoneReached.objects.filter(design=design).values_list("supporters", flat=True))
    milestones = sorted(voting_rules.MILESTONES)
    for index, (supporters, days) in enumerate(milestones):
        if supporters in reached:
            continue
        deadline = design.voting_starts_at + timedelta(days=days)
        if stats.would_buy < supporters or now > deadline:
            return recorded
        recorded = True
        MilestoneReached.objects.create(design=design, supporters=supporters, reached_at=now)
        if index + 1 < len(milestones):
            next_deadline = design.voting_starts_at + timedelta(days=milestones[index + 1][1])
            Design.objects.filter(pk=design.pk, voting_ends_at__lt=next_deadline).update(voting_ends_at=next_deadline)
        else:
            # The last milestone ends voting: the design goes to the editors' review.
            Design.objects.filter(pk=design.pk).update(voting_ends_at=now)
        transaction.on_commit(lambda d=design.pk, s=supporters: _queue_milestone_notice(d, s))
    return recorded


def _queue_milestone_notice(design_id: int, supporters: int) -> None:
    from voting.tasks import notify_milestone

    notify_milestone.delay(design_id, supporters)


def milestone_notify(*, design: Design, supporters: int) -> int:
    """Tell the maker and the design's supporters; returns how many people were told."""
    from voting.selectors import would_buy_supporter_ids

    def title() -> str:
        return _("“%(title)s” reached %(n)s supporters") % {"title": design.title, "n": supporters}

    def body() -> str:
        return _("%(n)s people said “I'd buy it”: the design passed a milestone on its way to becoming a product.") % {
            "n": supporters
        }

    recipients = [design.maker, *User.objects.filter(pk__in=would_buy_supporter_ids(design=design))]
    for recipient in recipients:
        notify(recipient=recipient, kind="voting_milestone", title=title, body=body, url=design.get_absolute_url())
    return len(recipients)


def _open_gallery_close(design: Design, now: datetime) -> str:
    """The window of an open-gallery design ended: all milestones reached -> shortlist, else it leaves."""
    reached = set(MilestoneReached.objects.filter(design=design).values_list("supporters", flat=True))
    missing = [(n, days) for n, days in sorted(voting_rules.MILESTONES) if n not in reached]
    if not missing:
        design_shortlist(design=design, reason=_("All supporter milestones reached."))
        return "shortlisted"
    stats = DesignVoteStats.objects.filter(pk=design.pk).first()
    have = stats.would_buy if stats else 0
    supporters, days = missing[0]
    design_leave_voting(
        design=design,
        reason=_(
            "The design needed %(n)s supporters (“I'd buy it”) within %(days)s days and had %(have)s. "
            "Thank you for taking part: you can enter it in a challenge next."
        )
        % {"n": supporters, "days": days, "have": have},
    )
    return "left"


# ---------------------------------------------------------------------------
# Early leave, closing windows
# ---------------------------------------------------------------------------
def designs_leave_early(*, now: datetime | None = None) -> list[int]:
    """A design whose mean score is below the floor after its first hours (with enough votes) leaves voting."""
    now = now or timezone.now()
    floor = voting_rules.EARLY_FLOOR
    candidates = Design.objects.filter(
        state=S.APPROVED,
        voting_starts_at__lte=now - timedelta(hours=voting_rules.EARLY_HOURS),
        vote_stats__votes__gte=max(1, voting_rules.EARLY_MIN_VOTES),
        vote_stats__score_sum__lt=F("vote_stats__votes") * floor,
    ).select_related("vote_stats")
    left = []
    for design in candidates:
        stats = design.vote_stats
        mean = stats.score_sum / stats.votes
        design_leave_voting(
            design=design,
            reason=_(
                "After its first %(hours)s hours the design's average score was %(mean).1f from %(votes)s votes, "
                "below the floor of %(floor).1f, so it left voting early."
            )
            % {"hours": voting_rules.EARLY_HOURS, "mean": mean, "votes": stats.votes, "floor": floor},
        )
        left.append(design.pk)
    return left


@dataclass
class ChallengeResult:
    challenge: Challenge
    ranked: list[ChallengeEntry] = field(default_factory=list)
    shortlisted: list[int] = field(default_factory=list)
    already_closed: bool = False


def challenge_close(*, challenge: Challenge, now: datetime | None = None) -> ChallengeResult:
    """Rank the entries and apply the shortlist rule. Idempotent: a closed challenge is left as it is."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if locked.closed_at:
            return ChallengeResult(challenge=locked, already_closed=True)
        if now < locked.voting_ends_at:
            raise ValidationError(_("Voting in “%(title)s” is still open.") % {"title": locked.title})
        entries = list(locked.entries.select_related("design"))
        stats = DesignVoteStats.objects.in_bulk([e.design_id for e in entries])
        empty = DesignVoteStats()
        _refresh_scores(empty)
        for entry in entries:
            entry.stats = stats.get(entry.design_id, empty)
        # In voting (or shortlisted) designs compete; a design withdrawn or rejected keeps no rank.
        competing = [e for e in entries if e.design.state in (S.APPROVED, S.SHORTLISTED)]
        competing.sort(key=lambda e: (-e.stats.crowd_score, -e.stats.votes, e.created_at, e.pk))
        for rank, entry in enumerate(competing, start=1):
            entry.rank = rank
            entry.final_crowd_score = entry.stats.crowd_score
        ChallengeEntry.objects.bulk_update(competing, ["rank", "final_crowd_score"])
        shortlist_rules = load_site_settings(VotingRules)
        eligible = [
            e
            for e in competing
            if e.design.state == S.APPROVED
            and e.stats.votes >= shortlist_rules.shortlist_min_votes
            and e.stats.wilson_lower > float(shortlist_rules.shortlist_min_would_buy_lower)
        ]
        chosen = {e.design_id for e in eligible[: shortlist_rules.shortlist_top_k]}
        total = len(competing)
        for entry in competing:
            if entry.design.state != S.APPROVED:
                continue
            if entry.design_id in chosen:
                design_shortlist(
                    design=entry.design,
                    reason=_("Ranked #%(rank)s of %(total)s in “%(title)s”.")
                    % {"rank": entry.rank, "total": total, "title": locked.title},
                )
            else:
                design_leave_voting(
                    design=entry.design,
                    reason=_(
                        "Voting in “%(title)s” closed: the design ranked #%(rank)s of %(total)s with %(votes)s votes "
                        "and did not make the shortlist."
                    )
                    % {"title": locked.title, "rank": entry.rank, "total": total, "votes": entry.stats.votes},
                )
        locked.closed_at = now
        locked.save(update_fields=["closed_at"])
    return ChallengeResult(challenge=locked, ranked=competing, shortlisted=sorted(chosen))


@dataclass
class CloseReport:
    challenges: list[str] = field(default_factory=list)
    left_early: list[int] = field(default_factory=list)
    gallery: dict[int, str] = field(default_factory=dict)


def voting_close_due(*, now: datetime | None = None) -> CloseReport:
    """What the periodic task and `manage.py close_voting` do; safe to run any number of times."""
    now = now or timezone.now()
    report = CloseReport()
    report.left_early = designs_leave_early(now=now)
    for challenge in Challenge.objects.filter(voting_ends_at__lte=now, closed_at__isnull=True).order_by("pk"):
        challenge_close(challenge=challenge, now=now)
        report.challenges.append(challenge.slug)
    # Entries approved after their challenge closed have no window left.
    for design in Design.objects.filter(state=S.APPROVED, challenge_entry__challenge__closed_at__isnull=False):
        design_leave_voting(design=design, reason=_("The challenge this design entered has closed."))
        report.gallery[design.pk] = "left"
    due = Design.objects.filter(state=S.APPROVED, voting_ends_at__lte=now, challenge_entry__isnull=True)
    for design in due.order_by("pk"):
        with transaction.atomic():
            locked = Design.objects.select_for_update().get(pk=design.pk)
            if locked.state == S.APPROVED and locked.voting_ends_at and locked.voting_ends_at <= now:
                report.gallery[design.pk] = _open_gallery_close(locked, now)
    return report


# ---------------------------------------------------------------------------
# Editors' decisions
# ---------------------------------------------------------------------------
def design_decide(*, design: Design, actor: User, selected: bool, reason: str = "") -> Design:
    """Selected or not selected from the shortlist; the maker and the would-buy supporters are told."""
    if not is_editor(actor):
        raise PermissionDenied(_("Only editors can do this."))
    if selected:
        return design_select(design=design, actor=actor, reason=reason)
    return design_not_select(design=design, actor=actor, reason=reason)


def supporters_notify_decision(*, design: Design) -> int:
    from voting.selectors import would_buy_supporter_ids

    selected = design.state == S.SELECTED

    def title() -> str:
        if selected:
            return _("“%(title)s” will become a product") % {"title": design.title}
        return _("“%(title)s” was not selected this time") % {"title": design.title}

    def body() -> str:
        if selected:
            text = _("You said you would buy it: you will be among the first to hear when it goes on sale.")
        else:
            text = _("Thank you for supporting it.")
        if design.decision_reason:
            text += "\n\n" + _("The editors: %(reason)s") % {"reason": design.decision_reason}
        return text

    recipients = User.objects.filter(pk__in=would_buy_supporter_ids(design=design))
    told = 0
    for recipient in recipients:
        notify(recipient=recipient, kind="voting_decision", title=title, body=body, url=design.get_absolute_url())
        told += 1
    return told


# ---------------------------------------------------------------------------
# Recount
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Drift:
    design_id: int
    stored: tuple[int, int, int, int]
    counted: tuple[int, int, int, int]


COUNTER_FIELDS = ("votes", "score_sum", "would_buy", "discounted")


def _aggregate(queryset):
    return queryset.values("design_id").annotate(
        n_votes=Count("pk", filter=Q(weight=1)),
        n_score_sum=Sum("score", filter=Q(weight=1)),
        n_would_buy=Count("pk", filter=Q(weight=1, would_buy=True)),
        n_discounted=Count("pk", filter=Q(weight=0)),
    )


def _row_tuple(row) -> tuple[int, int, int, int]:
    return (row["n_votes"], row["n_score_sum"] or 0, row["n_would_buy"], row["n_discounted"])


def votes_recount(*, fix: bool = True, log: bool = True) -> list[Drift]:
    """Recompute every counter from the votes table; report (and by default repair) any drift."""
    counted = {row["design_id"]: _row_tuple(row) for row in _aggregate(Vote.objects.order_by())}
    stored = {
        s.pk: (s.votes, s.score_sum, s.would_buy, s.discounted) for s in DesignVoteStats.objects.all().order_by("pk")
    }
    zero = (0, 0, 0, 0)
    suspects = sorted(pk for pk in set(counted) | set(stored) if counted.get(pk, zero) != stored.get(pk, zero))
    drifts = []
    for design_id in suspects:
        with transaction.atomic():
            stats = _locked_stats(design_id)
            row = next(iter(_aggregate(Vote.objects.filter(design_id=design_id).order_by())), None)
            truth = _row_tuple(row) if row else zero
            current = tuple(getattr(stats, f) for f in COUNTER_FIELDS)
            if truth == current:
                continue  # a vote landed between the two reads
            drifts.append(Drift(design_id=design_id, stored=current, counted=truth))
            if fix:
                for name, value in zip(COUNTER_FIELDS, truth, strict=True):
                    setattr(stats, name, value)
                _refresh_scores(stats)
                stats.save()
    if drifts and log:
        logger.warning("voting recount found drift on %s designs: %s", len(drifts), drifts)
    # Derived scores follow the settings: refresh them where a threshold changed.
    for stats in DesignVoteStats.objects.all().iterator():
        before = (stats.bayesian_score, stats.wilson_lower, stats.crowd_score)
        _refresh_scores(stats)
        if any(
            abs(a - b) > 1e-9
            for a, b in zip(before, (stats.bayesian_score, stats.wilson_lower, stats.crowd_score), strict=True)
        ):
            DesignVoteStats.objects.filter(pk=stats.pk, votes=stats.votes, score_sum=stats.score_sum).update(
                bayesian_score=stats.bayesian_score, wilson_lower=stats.wilson_lower, crowd_score=stats.crowd_score
            )
    return drifts
