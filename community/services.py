"""Changes to members, comments, flags, moderation, follows, activities and trust."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_comments.models import CommentFlag
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment, max_thread_level_for_content_type

from accounts.models import Profile, User
from accounts.services import profile_for
from community import rules as community_rules
from community import selectors
from community.flagging import flaggable_for, is_flaggable
from community.models import (
    Activity,
    CaseStatus,
    Flag,
    FlagReason,
    FlagStatus,
    Follow,
    ModerationAction,
    ModerationCase,
    ModerationLogEntry,
)
from community.signals import content_hidden, content_removed, content_restored
from core import audit, fragcache
from core.markup import clean_text, contains_link
from core.ratelimit import RateLimited, hit
from notifications.services import notify

logger = logging.getLogger(__name__)

TRUST_EVENTS = {"vote": "votes_cast", "purchase": "purchases"}


# --- trust ------------------------------------------------------------------------------


def _computed_level(*, user: User, profile: Profile) -> int:
    if not selectors.has_verified_email(user=user):
        return 0
    if profile.days_visited < community_rules.TRUST_L1_DAYS:
        return 0
    comments = selectors.comments_kept_count(user=user)
    if (
        profile.days_visited < community_rules.TRUST_L2_DAYS
        or profile.votes_cast < community_rules.TRUST_L2_VOTES
        or comments < community_rules.TRUST_L2_COMMENTS
    ):
        return 1
    if (
        profile.days_visited < community_rules.TRUST_L3_DAYS
        or profile.votes_cast < community_rules.TRUST_L3_VOTES
        or comments < community_rules.TRUST_L3_COMMENTS
        or profile.purchases < community_rules.TRUST_L3_PURCHASES
    ):
        return 2
    return 3


def trust_recompute(*, user: User) -> int:
    """Store the member's trust level from their counters; returns it."""
    profile = profile_for(user=user)
    level = _computed_level(user=user, profile=profile)
    if level < profile.trust_level:
        # Discourse-style: levels 1 and 2 are kept once earned; only "regular" (3) must be maintained.
        level = max(level, min(profile.trust_level, 2))
    if level != profile.trust_level:
        Profile.objects.filter(pk=profile.pk).update(trust_level=level)
    return level


@transaction.atomic
def trust_record(*, user: User, event: str) -> int:
    """Higher apps report what counts towards trust: event "vote" or "purchase"."""
    counter = TRUST_EVENTS.get(event)
    if counter is None:
        raise ValueError(f"Unknown trust event {event!r}; expected one of {sorted(TRUST_EVENTS)}")
    profile_for(user=user)
    Profile.objects.filter(user=user).update(**{counter: F(counter) + 1})
    return trust_recompute(user=user)


TRUST_PENDING_KEY = "community:trust:pending"


def trust_record_later(*, user_id: int, event: str) -> None:
    """trust_record, buffered: one HINCRBY in Redis that `trust_counters_flush` (a periodic task,
    TRUST_FLUSH_SECONDS) adds to the profile, so a vote costs the database no profile writes.

    A member's trust level follows within that period. Without Redis (or when it fails) the counter
    is written at once.
    """
    if event not in TRUST_EVENTS:
        raise ValueError(f"Unknown trust event {event!r}; expected one of {sorted(TRUST_EVENTS)}")
    from core.cache import raw_redis_client

    client = raw_redis_client() if settings.TRUST_COUNTERS_BUFFERED else None
    if client is not None:
        try:
            client.hincrby(TRUST_PENDING_KEY, f"{user_id}:{event}", 1)
            return
        except Exception:  # noqa: BLE001 - Redis went away mid-call: count directly below
            logger.warning("trust buffer unavailable; counting directly", exc_info=True)
    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        trust_record(user=user, event=event)


def _trust_add(counts: dict[int, dict[str, int]], done: set[int]) -> None:
    """Add each member's events in a transaction of its own; `done` collects the members written."""
    users = User.objects.in_bulk(sorted(counts))
    done.update(set(counts) - set(users))  # members deleted since: dropped
    for user_id in sorted(users):  # a fixed order: no deadlock between two flushes
        user = users[user_id]
        with transaction.atomic():
            profile_for(user=user)
            Profile.objects.filter(user=user).update(
                **{TRUST_EVENTS[event]: F(TRUST_EVENTS[event]) + n for event, n in counts[user_id].items()}
            )
            trust_recompute(user=user)
        done.add(user_id)


def trust_counters_flush() -> int:
    """Move the buffered trust events into the profiles; returns how many members changed."""
    import uuid

    from core.cache import raw_redis_client

    client = raw_redis_client()
    if client is None:
        return 0
    batch_key = f"{TRUST_PENDING_KEY}:flushing:{uuid.uuid4().hex}"
    try:
        client.rename(TRUST_PENDING_KEY, batch_key)  # atomic: new events go to a fresh buffer meanwhile
    except Exception:  # noqa: BLE001 - nothing buffered yet, or Redis away
        return 0
    counts: dict[int, dict[str, int]] = {}
    raw = client.hgetall(batch_key)
    for field, value in raw.items():
        user_id, event = (field.decode() if isinstance(field, bytes) else field).split(":")
        if event in TRUST_EVENTS:
            counts.setdefault(int(user_id), {})[event] = int(value)
    done: set[int] = set()
    try:
        _trust_add(counts, done)
    except Exception:
        # Put back the events of the members not written yet: the next flush retries them, none twice.
        for user_id, events in counts.items():
            if user_id not in done:
                for event, n in events.items():
                    client.hincrby(TRUST_PENDING_KEY, f"{user_id}:{event}", n)
        client.delete(batch_key)
        raise
    client.delete(batch_key)
    return len(counts)


def visit_record(*, user: User) -> bool:
    """Count today's visit; at most one write per member per day. True if this was the first today."""
    today = timezone.localdate()
    updated = (
        Profile.objects.filter(user_id=user.pk)
        .exclude(last_visit_on=today)
        .update(days_visited=F("days_visited") + 1, last_visit_on=today)
    )
    if updated:
        trust_recompute(user=user)
    return bool(updated)


# --- who may take part ---------------------------------------------------------------


def _require_member(user: User, *, action: str) -> None:
    if not user.is_authenticated:
        raise PermissionDenied(_("Please log in to %(action)s.") % {"action": action})
    if not selectors.has_verified_email(user=user):
        raise PermissionDenied(_("Please verify your email address before you %(action)s.") % {"action": action})
    until = selectors.suspended_until(user=user)
    if until:
        raise PermissionDenied(
            _("Your account is suspended until %(until)s.")
            % {"until": date_format(timezone.localtime(until), "DATETIME_FORMAT")}
        )


def _rate_limit(user: User, *, name: str, level: int) -> None:
    limit = getattr(community_rules, f"{name}_RATE_LIMIT_NEW" if level == 0 else f"{name}_RATE_LIMIT")
    window = getattr(community_rules, f"{name}_RATE_WINDOW_SECONDS")
    # Fails open: with Redis down each process still counts; moderation and flags catch the rest.
    if not hit(key=f"{name.lower()}:{user.pk}", limit=limit, window_seconds=window, fail_open=True):
        minutes = max(1, window // 60)
        raise RateLimited(
            _("You are doing that too often: at most %(limit)s in %(minutes)s minutes. Please wait a little.")
            % {"limit": limit, "minutes": minutes}
        )


# --- comments -------------------------------------------------------------------------


def _clean_comment_text(*, text: str, level: int) -> str:
    text = clean_text(text).strip()
    if not text:
        raise ValidationError({"comment": _("Please write something.")})
    if len(text) > xtd_settings.COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("A comment has at most %(max)s characters.") % {"max": xtd_settings.COMMENT_MAX_LENGTH}}
        )
    if level == 0 and contains_link(text):
        raise ValidationError({"comment": _("New members cannot post links yet. Please remove the link.")})
    return text


def comment_post(
    *, author: User, target: Model, text: str, parent: XtdComment | None = None, followup: bool = False
) -> XtdComment:
    """A verified member comments on any object, or replies to a comment on it."""
    _require_member(author, action=_("comment"))
    level = selectors.trust_level(user=author)
    text = _clean_comment_text(text=text, level=level)
    content_type = ContentType.objects.get_for_model(target)
    if parent is not None:
        if parent.content_type_id != content_type.pk or parent.object_pk != str(target.pk):
            raise ValidationError({"parent": _("You can only reply to a comment on the same page.")})
        if parent.is_removed or not parent.is_public:
            raise ValidationError({"parent": _("This comment cannot be answered any more.")})
        if parent.level >= max_thread_level_for_content_type(content_type):
            raise ValidationError({"parent": _("This conversation is as deep as it goes; reply further up.")})
    _rate_limit(author, name="COMMENT", level=level)
    with transaction.atomic():
        comment = XtdComment(
            content_type=content_type,
            object_pk=str(target.pk),
            site_id=settings.SITE_ID,
            user=author,
            user_name=author.handle,
            user_email=author.email,
            comment=text,
            followup=followup,
            parent_id=parent.pk if parent else 0,
            is_public=True,
            submit_date=timezone.now(),
        )
        comment.save()
        if followup:
            # One subscription per member and object, as django-comments-xtd does.
            XtdComment.norel_objects.filter(
                content_type=content_type, object_pk=str(target.pk), user=author, followup=False
            ).update(followup=True)
        _tell_about_comment(comment=comment, target=target, parent=parent)
    trust_recompute(user=author)
    return comment


def _comment_url(target: Model, comment: XtdComment) -> str:
    try:
        return f"{target.get_absolute_url()}#c{comment.pk}"
    except Exception:  # noqa: BLE001 (objects without a public page still get notified)
        return ""


def _tell_about_comment(*, comment: XtdComment, target: Model, parent: XtdComment | None) -> None:
    author = comment.user
    url = _comment_url(target, comment)
    told: set[int] = {author.pk}
    followers = (
        XtdComment.norel_objects.filter(
            content_type_id=comment.content_type_id, object_pk=comment.object_pk, followup=True, is_removed=False
        )
        .exclude(user_id__in=told)
        .values_list("user_id", flat=True)
        .distinct()
    )
    names = {"name": author.public_name, "title": str(target)[:120]}

    def title():
        return _("%(name)s replied on “%(title)s”") % names

    for user in User.objects.filter(pk__in=list(followers), is_active=True):
        notify(recipient=user, kind="comment_reply", title=title, body=comment.comment[:500], url=url)
        told.add(user.pk)
    # Whoever was answered hears about it on the site; email only if they opted in above.
    if parent is not None and parent.user_id and parent.user_id not in told:
        notify(
            recipient=parent.user,
            kind="comment_reply",
            title=title,
            body=comment.comment[:500],
            url=url,
            send_email=False,
        )
        told.add(parent.user_id)
    maker_id = selectors.maker_id_of(target)
    if maker_id and maker_id not in told:
        maker = User.objects.filter(pk=maker_id, is_active=True).first()
        if maker:
            notify(
                recipient=maker,
                kind="comment",
                title=lambda: _("%(name)s commented on “%(title)s”") % names,
                body=comment.comment[:500],
                url=url,
            )


def comment_thread_changed(*, comment: XtdComment) -> None:
    """The thread `comment` is in changed (a comment posted, edited, liked, hidden, removed, restored):
    its cached HTML (core/fragcache.py) is rendered again on the next view."""
    fragcache.bump(selectors.thread_version_name(content_type_id=comment.content_type_id, object_pk=comment.object_pk))


def comment_edit(*, comment: XtdComment, editor: User, text: str) -> XtdComment:
    """The author corrects their comment within COMMENT_EDIT_MINUTES."""
    if not editor.is_authenticated or comment.user_id != editor.pk:
        raise PermissionDenied(_("Only the author can edit this comment."))
    if comment.is_removed:
        raise PermissionDenied(_("A removed comment cannot be edited."))
    deadline = comment.submit_date + timedelta(minutes=community_rules.COMMENT_EDIT_MINUTES)
    if timezone.now() > deadline:
        raise PermissionDenied(
            _("Comments can be edited for %(minutes)s minutes after posting.")
            % {"minutes": community_rules.COMMENT_EDIT_MINUTES}
        )
    text = _clean_comment_text(text=text, level=selectors.trust_level(user=editor))
    # A queryset update: saving the instance would let django-comments-xtd republish hidden replies.
    XtdComment.norel_objects.filter(pk=comment.pk).update(comment=text)
    comment.comment = text
    comment_thread_changed(comment=comment)
    return comment


def comment_like_toggle(*, comment: XtdComment, user: User) -> tuple[bool, int]:
    """Like or un-like a comment; returns (liked now, like count)."""
    _require_member(user, action=_("like comments"))
    if comment.user_id == user.pk:
        raise PermissionDenied(_("You cannot like your own comment."))
    if comment.is_removed or not comment.is_public:
        raise PermissionDenied(_("This comment cannot be liked."))
    with transaction.atomic():
        deleted, _info = CommentFlag.objects.filter(comment=comment, user=user, flag=LIKEDIT_FLAG).delete()
        liked = not deleted
        if liked:
            try:
                with transaction.atomic():
                    CommentFlag.objects.create(comment=comment, user=user, flag=LIKEDIT_FLAG)
            except IntegrityError:
                pass  # a parallel request liked it already: same result
    count = CommentFlag.objects.filter(comment=comment, flag=LIKEDIT_FLAG).count()
    return liked, count


# --- flags and moderation -------------------------------------------------------------


def _describe(obj: Model) -> str:
    """A public, private-data-free description of an item for the moderation log."""
    entry = flaggable_for(obj)
    if entry is not None and entry.describe is not None:
        return entry.describe(obj)[:200]
    model_name = obj._meta.verbose_name
    return (f"{str(model_name).capitalize()} “{obj}”")[:200]


def flag_create(*, flagger: User, target: Model, reason: FlagReason, note: str = "") -> Flag:
    """A member with trust level 1+ reports an item once; enough weight hides it pending review.

    The reason is a FlagReason (FlagForm and the API's FlagIn read it from the request); a plain
    string, even one that spells a reason, is refused and nothing is written.
    """
    _require_member(flagger, action=_("flag content"))
    if not is_flaggable(target):
        raise ValidationError(_("This cannot be flagged."))
    if not isinstance(reason, FlagReason):
        raise ValidationError({"reason": _("Please choose a reason.")}, code="invalid")
    author = selectors.author_of(target)
    if author is not None and author.pk == flagger.pk:
        raise PermissionDenied(_("You cannot flag your own content."))
    level = selectors.trust_level(user=flagger)
    if level < 1:
        raise PermissionDenied(
            _("Flagging needs trust level 1. Visit a few more days and take part, then you can flag.")
        )
    content_type = ContentType.objects.get_for_model(target)
    if Flag.objects.filter(content_type=content_type, object_id=target.pk, flagger=flagger).exists():
        raise ValidationError(_("You have already flagged this."), code="duplicate")
    _rate_limit(flagger, name="FLAG", level=level)
    weight = selectors.flag_weight(user=flagger)
    try:
        with transaction.atomic():
            case, _created = ModerationCase.objects.select_for_update().get_or_create(
                content_type=content_type,
                object_id=target.pk,
                defaults={"author": author, "summary": _describe(target)},
            )
            if case.status == CaseStatus.REMOVED:
                raise ValidationError(_("This has already been removed."))
            flag = Flag.objects.create(
                content_type=content_type,
                object_id=target.pk,
                flagger=flagger,
                reason=reason,
                note=clean_text(note)[:500],
                weight=weight,
            )
            if case.status == CaseStatus.KEPT:
                case.status = CaseStatus.OPEN
            case.weight_total = F("weight_total") + weight
            case.save(update_fields=["status", "weight_total", "updated_at"])
            case.refresh_from_db(fields=["weight_total"])
            if case.status == CaseStatus.OPEN and case.weight_total >= community_rules.FLAG_HIDE_THRESHOLD:
                case.status = CaseStatus.HIDDEN
                case.save(update_fields=["status", "updated_at"])
                content_hidden.send(sender=type(target), instance=target, case=case)
    except IntegrityError as exc:
        raise ValidationError(_("You have already flagged this."), code="duplicate") from exc
    return flag


def _require_moderator(user: User) -> None:
    if not selectors.can_moderate(user=user):
        raise PermissionDenied(_("Only moderators can do this."))


def _decide_flags(case: ModerationCase, status: str) -> None:
    Flag.objects.filter(
        content_type_id=case.content_type_id, object_id=case.object_id, status=FlagStatus.PENDING
    ).update(status=status)


def _log(*, action: str, moderator: User, subject: str, member: User | None, reason: str = "", case=None, until=None):
    entry = ModerationLogEntry.objects.create(
        action=action, moderator=moderator, subject=subject, member=member, reason=reason, case=case, until=until
    )
    # The public moderation log above; Wagtail's audit log for administrators, with the moderator's name.
    audit.record(
        entry,
        "commonmade.moderation",
        user=moderator,
        action=entry.get_action_display(),
        subject=subject,
        member=member.handle if member else "",
        reason=reason,
    )
    return entry


@transaction.atomic
def moderation_keep(*, case: ModerationCase, moderator: User, note: str = "") -> ModerationCase:
    """The item stays: flags are not upheld, a hidden item is shown again."""
    _require_moderator(moderator)
    case = ModerationCase.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.REMOVED:
        raise ValidationError(_("This item has been removed already."))
    target = case.target
    _decide_flags(case, FlagStatus.REJECTED)
    was_hidden = case.status == CaseStatus.HIDDEN
    case.status, case.weight_total = CaseStatus.KEPT, 0
    case.decided_by, case.decided_at = moderator, timezone.now()
    case.save()
    if target is not None and was_hidden:
        content_restored.send(sender=type(target), instance=target, case=case)
    _log(
        action=ModerationAction.KEPT,
        moderator=moderator,
        subject=case.summary,
        member=case.author,
        reason=note,
        case=case,
    )
    return case


@transaction.atomic
def moderation_remove(*, case: ModerationCase, moderator: User, reason: str) -> ModerationCase:
    """Remove the item with a public reason; it leaves a placeholder and a public log entry."""
    _require_moderator(moderator)
    return _remove_case(case=case, moderator=moderator, reason=reason)


@transaction.atomic
def moderation_remove_object(*, obj: Model, moderator: User, reason: str, authorised: bool = False) -> ModerationCase:
    """Remove any item, flagged or not, the way moderation_remove does (placeholder, public log, author told).

    Moderators may always; `authorised=True` is for a caller that checked a narrower right itself,
    such as the host of a live drop removing a message from the drop's chat.
    """
    if not authorised:
        _require_moderator(moderator)
    case, _created = ModerationCase.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"author": selectors.author_of(obj), "summary": _describe(obj)},
    )
    return _remove_case(case=case, moderator=moderator, reason=reason)


def _remove_case(*, case: ModerationCase, moderator: User, reason: str) -> ModerationCase:
    reason = clean_text(reason).strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for the removal; it is shown publicly.")})
    case = ModerationCase.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.REMOVED:
        raise ValidationError(_("This item has been removed already."))
    target = case.target
    _decide_flags(case, FlagStatus.UPHELD)
    case.status, case.reason = CaseStatus.REMOVED, reason
    case.decided_by, case.decided_at = moderator, timezone.now()
    case.save()
    if target is not None:
        content_remove(obj=target, reason=reason)
    _log(
        action=ModerationAction.REMOVED,
        moderator=moderator,
        subject=case.summary,
        member=case.author,
        reason=reason,
        case=case,
    )
    if case.author_id:
        notify(
            recipient=case.author,
            kind="moderation",
            title=lambda: _("Moderators removed your content: %(what)s") % {"what": case.summary},
            body=lambda: _("Reason: %(reason)s") % {"reason": reason},
            url="/moderation/",
        )
        transaction.on_commit(lambda: trust_recompute(user=case.author))
    return case


def content_remove(*, obj: Model, reason: str) -> None:
    """Tell the app that owns the item that moderation removed it.

    The owning app's handler for `content_removed` (comments here, designs in designs/receivers.py,
    ...) turns it into that app's own service call. Handlers run inside the moderation transaction,
    so the case and the item change together or not at all.
    """
    content_removed.send(sender=type(obj), instance=obj, reason=reason)


def comment_moderation_remove(*, comment: XtdComment, reason: str = "") -> None:
    """Removed comments stay in the thread as a placeholder, so replies keep their context."""
    XtdComment.norel_objects.filter(pk=comment.pk).update(is_removed=True, is_public=True)
    comment.is_removed, comment.is_public = True, True
    comment_thread_changed(comment=comment)


def comment_moderation_hide(*, comment: XtdComment) -> None:
    XtdComment.norel_objects.filter(pk=comment.pk).update(is_public=False)
    comment.is_public = False
    comment_thread_changed(comment=comment)


def comment_moderation_restore(*, comment: XtdComment) -> None:
    XtdComment.norel_objects.filter(pk=comment.pk).update(is_public=True)
    comment.is_public = True
    comment_thread_changed(comment=comment)


@transaction.atomic
def moderation_warn(*, member: User, moderator: User, message: str, case: ModerationCase | None = None):
    """A private warning: the member is told, the public log does not show it."""
    _require_moderator(moderator)
    message = clean_text(message).strip()
    if not message:
        raise ValidationError({"message": _("Please write the warning.")})
    notify(recipient=member, kind="moderation", title=lambda: _("A warning from the moderators"), body=message)
    return _log(
        action=ModerationAction.WARNED,
        moderator=moderator,
        subject=case.summary if case else "",
        member=member,
        reason=message,
        case=case,
    )


@transaction.atomic
def moderation_suspend(*, member: User, moderator: User, days: int, reason: str, case: ModerationCase | None = None):
    """Suspend a member from commenting, flagging and voting for a number of days (publicly logged)."""
    _require_moderator(moderator)
    reason = clean_text(reason).strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for the suspension; it is shown publicly.")})
    if not 1 <= days <= 3650:
        raise ValidationError({"days": _("A suspension lasts between 1 and 3650 days.")})
    if member.pk == moderator.pk:
        raise PermissionDenied(_("You cannot suspend yourself."))
    until = timezone.now() + timedelta(days=days)
    profile_for(user=member)
    Profile.objects.filter(user=member).update(suspended_until=until)
    notify(
        recipient=member,
        kind="moderation",
        title=lambda: (
            ngettext("Your account is suspended for %(days)s day", "Your account is suspended for %(days)s days", days)
            % {"days": days}
        ),
        body=lambda: _("Reason: %(reason)s") % {"reason": reason},
        url="/moderation/",
    )
    return _log(
        action=ModerationAction.SUSPENDED,
        moderator=moderator,
        subject=_("Member @%(handle)s suspended") % {"handle": member.handle},
        member=member,
        reason=reason,
        case=case,
        until=until,
    )


# --- follows, activities --------------------------------------------------------------


def follow(*, follower: User, maker: User) -> Follow:
    _require_member(follower, action=_("follow makers"))
    if follower.pk == maker.pk:
        raise ValidationError(_("You cannot follow yourself."))
    # Idempotent under races: a double click, or an unfollow deleting the row between get_or_create's
    # insert and its second read, only means trying again; the unique constraint decides.
    for attempt in range(3):
        try:
            with transaction.atomic():
                relation, created = Follow.objects.get_or_create(follower=follower, maker=maker)
            break
        except IntegrityError:
            if attempt == 2:
                raise
    if created:
        notify(
            recipient=maker,
            kind="new_follower",
            title=lambda: _("%(name)s follows you now") % {"name": follower.public_name},
            url=f"/members/{follower.handle}/",
        )
    return relation


def unfollow(*, follower: User, maker: User) -> None:
    Follow.objects.filter(follower_id=follower.pk, maker_id=maker.pk).delete()


def activity_record(*, actor: User, verb: str, target: Model) -> Activity:
    """Higher apps record what a maker did (verb e.g. "published"); the feed of their followers shows it."""
    content_type = ContentType.objects.get_for_model(target)
    try:
        with transaction.atomic():
            activity, _created = Activity.objects.get_or_create(
                actor=actor, verb=verb, content_type=content_type, object_id=target.pk
            )
    except IntegrityError:
        activity = Activity.objects.get(actor=actor, verb=verb, content_type=content_type, object_id=target.pk)
    return activity


def notify_followers(*, maker: User, title, body="", url: str = "", kind: str = "followed_maker") -> int:
    """Tell everyone who follows a maker; returns how many were told.

    Pass `title`/`body` as callables (or lazy strings): each follower gets them in their own language."""
    told = 0
    for follower in selectors.followers_of(user=maker).iterator(chunk_size=500):
        notify(recipient=follower, kind=kind, title=title, body=body, url=url)
        told += 1
    return told
