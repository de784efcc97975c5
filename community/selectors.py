"""Queries about members, comments, flags, follows and the feed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Exists, IntegerField, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment

from accounts.models import Profile, User
from community import rules as community_rules
from community.models import (
    PUBLIC_MODERATION_ACTIONS,
    Activity,
    CaseStatus,
    Flag,
    Follow,
    ModerationCase,
    ModerationLogEntry,
)

# Trust level -> base weight of a flag (Discourse-style); level 0 cannot flag.
FLAG_BASE_WEIGHT = {0: 0.0, 1: 1.0, 2: 1.5, 3: 2.0}


# --- members and trust ---------------------------------------------------------------


def trust_level(*, user: User | None) -> int:
    """The member's stored trust level (0-3); anonymous visitors are 0."""
    if user is None or not user.is_authenticated:
        return 0
    level = Profile.objects.filter(user_id=user.pk).values_list("trust_level", flat=True).first()
    return level or 0


def has_verified_email(*, user: User) -> bool:
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user_id=user.pk, verified=True).exists()


def suspended_until(*, user: User):
    """When the member's suspension ends, or None if they are not suspended."""
    if not user.is_authenticated:
        return None
    until = Profile.objects.filter(user_id=user.pk).values_list("suspended_until", flat=True).first()
    return until if until and until > timezone.now() else None


@dataclass(frozen=True)
class Standing:
    """What a member may do on a page: trust level, a verified email address, a running suspension."""

    trust_level: int = 0
    verified: bool = False
    suspended_until: Any = None


def member_standing(*, user: User | None) -> Standing:
    """trust_level, has_verified_email and suspended_until in one query, for pages that show all three."""
    if user is None or not user.is_authenticated:
        return Standing()
    profiles = Profile.objects.filter(user_id=OuterRef("pk"))
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            _trust=Subquery(profiles.values("trust_level")[:1]),
            _suspended=Subquery(profiles.values("suspended_until")[:1]),
            _verified=Exists(EmailAddress.objects.filter(user_id=OuterRef("pk"), verified=True)),
        )
        .values("_trust", "_suspended", "_verified")
        .first()
    )
    if row is None:
        return Standing()
    until = row["_suspended"]
    return Standing(
        trust_level=row["_trust"] or 0,
        verified=bool(row["_verified"]),
        suspended_until=until if until and until > timezone.now() else None,
    )


def comments_kept_count(*, user: User) -> int:
    return XtdComment.norel_objects.filter(user_id=user.pk, is_removed=False, is_public=True).count()


def flag_weight(*, user: User) -> float:
    """Base weight by trust level, times how often the member's decided flags were upheld.

    The ratio is smoothed (one imaginary upheld and one rejected flag), so a member without
    history weighs exactly their base weight, and the factor stays between 0.5 and 1.5.
    """
    base = FLAG_BASE_WEIGHT.get(trust_level(user=user), 0.0)
    counts = Flag.objects.filter(flagger_id=user.pk).aggregate(
        upheld=Count("pk", filter=Q(status="upheld")), rejected=Count("pk", filter=Q(status="rejected"))
    )
    decided = counts["upheld"] + counts["rejected"]
    return round(base * (0.5 + (counts["upheld"] + 1) / (decided + 2)), 3)


def member_by_handle(*, handle: str) -> User | None:
    return User.objects.select_related("profile").filter(handle__iexact=handle, is_active=True).first()


# --- generic helpers for any commented / flagged object ----------------------------


def maker_id_of(obj: Any) -> int | None:
    """The user id of an object's maker (`maker_id` / `maker`), if it has one."""
    maker_id = getattr(obj, "maker_id", None)
    if maker_id is None:
        maker = getattr(obj, "maker", None)
        maker_id = getattr(maker, "pk", None)
    return maker_id


def author_of(obj: Any) -> User | None:
    """Who wrote/made an item: as registered for flagging, else `maker`, `author`, `user` or `owner`."""
    from community.flagging import flaggable_for

    entry = flaggable_for(obj)
    if entry is not None and entry.author is not None:
        return entry.author(obj)
    if isinstance(obj, User):
        return obj
    for attribute in ("maker", "author", "user", "owner"):
        value = getattr(obj, attribute, None)
        if isinstance(value, User):
            return value
    return None


def target_from_key(key: str) -> Model | None:
    """ "<content type id>:<pk>" to the object, or None."""
    try:
        ct_id, pk = key.split(":", 1)
        content_type = ContentType.objects.get_for_id(int(ct_id))
        return content_type.get_object_for_this_type(pk=int(pk))
    except (ValueError, ObjectDoesNotExist, AttributeError):
        return None


def target_key(obj: Model) -> str:
    return f"{ContentType.objects.get_for_model(obj).pk}:{obj.pk}"


def removal_reason(*, obj: Model) -> str | None:
    """The public reason an item was removed by moderation, or None."""
    return (
        ModerationCase.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, status=CaseStatus.REMOVED
        )
        .values_list("reason", flat=True)
        .first()
    )


def moderated_ids(*, model: type[Model]) -> QuerySet:
    """Ids of a model's items hidden by flags or removed by moderators (a subquery for `pk__in`)."""
    return ModerationCase.objects.filter(
        content_type=ContentType.objects.get_for_model(model), status__in=(CaseStatus.HIDDEN, CaseStatus.REMOVED)
    ).values("object_id")


# --- comments ------------------------------------------------------------------------


@dataclass
class CommentNode:
    comment: XtdComment
    like_count: int = 0
    liked: bool = False
    flagged: bool = False
    is_maker: bool = False
    removal_reason: str = ""
    can_edit: bool = False
    children: list[CommentNode] = field(default_factory=list)


def comment_by_id(*, pk: int) -> XtdComment | None:
    """A comment on this site by its id (removed ones too: callers decide what to show)."""
    return XtdComment.norel_objects.select_related("user").filter(pk=pk, site_id=settings.SITE_ID).first()


def comments_of(*, obj: Model) -> QuerySet[XtdComment]:
    content_type = ContentType.objects.get_for_model(obj)
    return (
        XtdComment.norel_objects.filter(content_type=content_type, object_pk=str(obj.pk), site_id=settings.SITE_ID)
        .select_related("user")
        .annotate(like_count=Count("flags", filter=Q(flags__flag=LIKEDIT_FLAG)))
        .order_by("thread_id", "order")
    )


def comment_tree(*, obj: Model, viewer: User | None) -> list[CommentNode]:
    """The threaded comments of any object, in a constant number of queries."""
    signed_in = viewer is not None and viewer.is_authenticated
    comments = comments_of(obj=obj)
    if signed_in:  # what the viewer did, in the same query
        comments = comments.annotate(
            viewer_liked=Exists(
                CommentFlag.objects.filter(comment_id=OuterRef("pk"), user_id=viewer.pk, flag=LIKEDIT_FLAG)
            ),
            viewer_flagged=Exists(
                Flag.objects.filter(
                    flagger_id=viewer.pk,
                    content_type=ContentType.objects.get_for_model(XtdComment),
                    object_id=OuterRef("pk"),
                )
            ),
        )
    comments = list(comments)
    liked = {comment.pk for comment in comments if getattr(comment, "viewer_liked", False)}
    flagged = {comment.pk for comment in comments if getattr(comment, "viewer_flagged", False)}
    removed_ids = [comment.pk for comment in comments if comment.is_removed]
    reasons = {}
    if removed_ids:
        reasons = dict(
            ModerationCase.objects.filter(
                content_type=ContentType.objects.get_for_model(XtdComment),
                object_id__in=removed_ids,
                status=CaseStatus.REMOVED,
            ).values_list("object_id", "reason")
        )
    maker_id = maker_id_of(obj)
    edit_after = timezone.now() - timezone.timedelta(minutes=community_rules.COMMENT_EDIT_MINUTES)
    nodes: dict[int, CommentNode] = {}
    roots: list[CommentNode] = []
    for comment in comments:
        node = CommentNode(
            comment=comment,
            like_count=comment.like_count,
            liked=comment.pk in liked,
            flagged=comment.pk in flagged,
            is_maker=maker_id is not None and comment.user_id == maker_id,
            removal_reason=reasons.get(comment.pk, ""),
            can_edit=signed_in
            and comment.user_id == viewer.pk
            and comment.submit_date >= edit_after
            and not comment.is_removed,
        )
        nodes[comment.pk] = node
        parent = nodes.get(comment.parent_id) if comment.parent_id != comment.pk else None
        (parent.children if parent else roots).append(node)
    return roots


def thread_version_name(*, content_type_id: int, object_pk: Any) -> str:
    """The fragment-cache version of one item's comment thread (core/fragcache.py)."""
    return f"comments:{content_type_id}:{object_pk}"


def viewer_comment_marks(*, obj: Model, viewer: User | None) -> tuple[set[int], set[int]]:
    """The comments on `obj` the viewer liked, and those they flagged: one query."""
    if viewer is None or not viewer.is_authenticated:
        return set(), set()
    on_obj = XtdComment.norel_objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk), site_id=settings.SITE_ID
    ).values("pk")
    liked = (
        CommentFlag.objects.filter(user_id=viewer.pk, flag=LIKEDIT_FLAG, comment_id__in=on_obj)
        .annotate(kind=Value(1, output_field=IntegerField()))
        .order_by()
        .values_list("comment_id", "kind")
    )
    flagged = (
        Flag.objects.filter(
            flagger_id=viewer.pk, content_type=ContentType.objects.get_for_model(XtdComment), object_id__in=on_obj
        )
        .annotate(kind=Value(2, output_field=IntegerField()))
        .order_by()
        .values_list("object_id", "kind")
    )
    marks: tuple[set[int], set[int]] = (set(), set())
    for pk, kind in liked.union(flagged, all=True):
        marks[kind - 1].add(int(pk))
    return marks


def comment_count(*, obj: Model) -> int:
    return comments_of(obj=obj).filter(is_public=True, is_removed=False).count()


def member_comments(*, user: User, limit: int = 20) -> list[XtdComment]:
    """A member's visible comments, newest first, with what they commented on."""
    comments = list(
        XtdComment.norel_objects.filter(user_id=user.pk, is_public=True, is_removed=False, site_id=settings.SITE_ID)
        .select_related("content_type")
        .order_by("-submit_date")[:limit]
    )
    by_type: dict[int, list[XtdComment]] = {}
    for comment in comments:
        by_type.setdefault(comment.content_type_id, []).append(comment)
    for ct_id, items in by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        objects = model._default_manager.in_bulk([int(c.object_pk) for c in items if c.object_pk.isdigit()])
        for comment in items:
            comment.target = objects.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
    return [comment for comment in comments if getattr(comment, "target", None) is not None]


# --- follows and the feed ---------------------------------------------------------------


def followers_of(*, user: User) -> QuerySet[User]:
    return User.objects.filter(following__maker=user, is_active=True).order_by("following__created_at")


def follower_count(*, user: User) -> int:
    return Follow.objects.filter(maker=user).count()


def follow_state(*, viewer: User | None, maker: User) -> tuple[int, bool]:
    """(followers of the maker, whether the viewer is one of them), in one query."""
    mine = Q(follower_id=viewer.pk) if viewer is not None and viewer.is_authenticated else Q(pk__in=[])
    row = Follow.objects.filter(maker=maker).aggregate(n=Count("pk"), mine=Count("pk", filter=mine))
    return row["n"], bool(row["mine"])


def is_following(*, follower: User, maker: User) -> bool:
    if not follower.is_authenticated:
        return False
    return Follow.objects.filter(follower_id=follower.pk, maker_id=maker.pk).exists()


def feed_for(*, user: User) -> QuerySet[Activity]:
    """What the makers a member follows did, newest first."""
    return (
        Activity.objects.filter(actor__followers__follower=user)
        .select_related("actor", "content_type")
        .prefetch_related("target")
        .order_by("-created_at", "-id")
    )


def visible_activities(activities) -> list[Activity]:
    """Drop activities whose target is gone or no longer public (e.g. removed by moderation)."""
    shown = []
    for activity in activities:
        target = activity.target
        if target is None or getattr(target, "is_public", True) is False:
            continue
        shown.append(activity)
    return shown


# --- moderation ----------------------------------------------------------------------


def moderation_cases() -> QuerySet[ModerationCase]:
    """Every case with its flag count, heaviest first (the admin filters it by status)."""
    return (
        ModerationCase.objects.select_related("author", "content_type")
        .annotate(
            flag_count=Subquery(
                Flag.objects.filter(content_type=OuterRef("content_type"), object_id=OuterRef("object_id"))
                .values("content_type")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            )
        )
        .order_by("-weight_total", "created_at")
    )


def moderation_queue() -> QuerySet[ModerationCase]:
    """The cases waiting for a decision: open, or hidden until a moderator decides."""
    return moderation_cases().filter(status__in=[CaseStatus.OPEN, CaseStatus.HIDDEN])


def flags_of_case(*, case: ModerationCase) -> QuerySet[Flag]:
    return Flag.objects.filter(content_type_id=case.content_type_id, object_id=case.object_id).select_related(
        "flagger", "flagger__profile"
    )


def public_moderation_log() -> QuerySet[ModerationLogEntry]:
    return (
        ModerationLogEntry.objects.filter(action__in=PUBLIC_MODERATION_ACTIONS)
        .select_related("member")
        .order_by("-created_at", "-id")
    )


def can_moderate(*, user: User) -> bool:
    return user.is_authenticated and user.has_perm("community.moderate_content")


# --- signed references to any object (forms carry them) --------------------------------

TARGET_SALT = "community.target"


def sign_target(obj: Model) -> str:
    from django.core import signing

    return signing.dumps(target_key(obj), salt=TARGET_SALT)


def target_from_token(token: str) -> Model | None:
    """The object a form is about; None for anything we did not sign."""
    from django.core import signing

    try:
        key = signing.loads(token, salt=TARGET_SALT)
    except signing.BadSignature:
        return None
    return target_from_key(key)
