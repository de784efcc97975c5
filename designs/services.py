"""Every change to a design happens here: creation, edits and each lifecycle transition."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.images import get_image_model

from accounts.models import User
from accounts.services import profile_mark_maker
from core import audit
from designs import rules as design_rules
from designs.models import (
    Category,
    Design,
    DesignDailyViews,
    DesignImage,
    DesignSlugHistory,
    DesignState,
    DesignTransition,
)
from designs.signals import design_state_changed
from designs.validation import CleanImage, clean_design_image
from notifications.services import notify

logger = logging.getLogger(__name__)
S = DesignState

MAKER, EDITOR, SYSTEM = "maker", "editor", "system"
# (from, to) -> who may make the move. Editors may also make the system's moves by hand.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.SUBMITTED): MAKER,
    (S.REJECTED, S.SUBMITTED): MAKER,
    (S.SUBMITTED, S.APPROVED): EDITOR,
    (S.SUBMITTED, S.REJECTED): EDITOR,
    (S.APPROVED, S.SHORTLISTED): SYSTEM,
    (S.APPROVED, S.NOT_SELECTED): SYSTEM,
    (S.SHORTLISTED, S.SELECTED): EDITOR,
    (S.SHORTLISTED, S.NOT_SELECTED): EDITOR,
    (S.SELECTED, S.IN_PRODUCTION): EDITOR,
    (S.IN_PRODUCTION, S.ON_SALE): EDITOR,
    (S.SELECTED, S.ON_SALE): EDITOR,
    (S.ON_SALE, S.RETIRED): EDITOR,
}
WITHDRAWABLE = frozenset(
    {S.DRAFT, S.SUBMITTED, S.APPROVED, S.REJECTED, S.SHORTLISTED, S.SELECTED, S.NOT_SELECTED, S.IN_PRODUCTION}
)
REASON_REQUIRED = frozenset({(S.SUBMITTED, S.REJECTED), (S.SHORTLISTED, S.NOT_SELECTED)})
# Only these states let the maker change the images and title people judge.
FULLY_EDITABLE = frozenset({S.DRAFT, S.SUBMITTED, S.REJECTED})

# Lazy: each message is translated when a maker is told, in the maker's language.
MAKER_MESSAGES = {
    S.SUBMITTED: gettext_lazy("Your design “%(title)s” was submitted for review."),
    S.APPROVED: gettext_lazy("Your design “%(title)s” was approved and is now open for voting."),
    S.REJECTED: gettext_lazy("Your design “%(title)s” was not approved."),
    S.SHORTLISTED: gettext_lazy("Your design “%(title)s” made the shortlist."),
    S.SELECTED: gettext_lazy("The crowd and the editors chose your design “%(title)s”: it will become a product."),
    S.NOT_SELECTED: gettext_lazy("Your design “%(title)s” was not selected this time."),
    S.IN_PRODUCTION: gettext_lazy("Your design “%(title)s” is in production."),
    S.ON_SALE: gettext_lazy("Your design “%(title)s” is on sale now."),
    S.RETIRED: gettext_lazy("Your design “%(title)s” was retired from the shop."),
    S.WITHDRAWN: gettext_lazy("You withdrew your design “%(title)s”."),
}


class TransitionError(ValidationError):
    """A move the lifecycle does not allow: always a clear message, never a silent no-op."""


def is_editor(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm("designs.moderate_design"))


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:120] or "design"
    candidate, n = base, 2
    while (
        Design.objects.filter(slug=candidate).exclude(pk=exclude_pk).exists()
        or DesignSlugHistory.objects.filter(slug=candidate).exclude(design_id=exclude_pk).exists()
    ):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _store_images(design: Design, cleaned: Sequence[CleanImage], *, start: int = 0) -> list[DesignImage]:
    stored = []
    for offset, clean in enumerate(cleaned):
        # An unguessable name: a file's URL tells nothing about the design and cannot be guessed.
        image = wagtail_image_from(clean, title=f"{design.title} ({start + offset + 1})", name=secrets.token_hex(16))
        _pending_files(design).append(image.file.name)
        stored.append(DesignImage.objects.create(design=design, image=image, position=start + offset))
    return stored


def wagtail_image_from(clean: CleanImage, *, title: str, name: str):
    """Store a checked image as a Wagtail image, so renditions are made once and reused."""
    image = get_image_model()(title=title)
    image.file.save(f"{name}.{clean.extension}", ContentFile(clean.content), save=False)
    image.width, image.height, image.file_size = clean.width, clean.height, len(clean.content)
    image.save()
    return image


def _pending_files(design: Design) -> list[str]:
    if not hasattr(design, "_written_files"):
        design._written_files = []
    return design._written_files


def _delete_written_files(design: Design) -> None:
    from django.core.files.storage import default_storage

    for name in getattr(design, "_written_files", []):
        default_storage.delete(name)


def clean_images(uploads: Iterable) -> list[CleanImage]:
    """Check every upload first, so that a refused file leaves nothing behind."""
    uploads = list(uploads)
    if len(uploads) > design_rules.MAX_IMAGES:
        raise ValidationError(_("At most %(n)s images per design.") % {"n": design_rules.MAX_IMAGES})
    # Images a form already checked arrive as CleanImage and are not decoded twice.
    return [upload if isinstance(upload, CleanImage) else clean_design_image(upload) for upload in uploads]


def design_create(
    *,
    maker: User,
    title: str,
    category: Category,
    images: Sequence,
    description: str = "",
    tags: Iterable[str] = (),
    rights_confirmed: bool,
    mature: bool = False,
    submit: bool = True,
) -> Design:
    if not rights_confirmed:
        raise ValidationError({"rights_confirmed": _("Please confirm that you own the rights to this work.")})
    if not images:
        raise ValidationError({"images": _("Please add at least one image.")})
    cleaned = clean_images(images)
    design = Design(
        maker=maker,
        title=title.strip(),
        slug=unique_slug(title),
        description=description,
        category=category,
        rights_confirmed=True,
        mature=mature,
    )
    try:
        with transaction.atomic():
            design.save()
            design.tags.set(list(tags))
            design.save()
            _store_images(design, cleaned)
            DesignTransition.objects.create(design=design, from_state=S.DRAFT, to_state=S.DRAFT, actor=maker)
            profile_mark_maker(user=maker)
            if submit:
                design_submit(design=design, actor=maker)
    except Exception:
        _delete_written_files(design)
        raise
    return design


def design_update(
    *,
    design: Design,
    actor: User,
    title: str | None = None,
    description: str | None = None,
    category: Category | None = None,
    tags: Iterable[str] | None = None,
    mature: bool | None = None,
    new_images: Sequence = (),
    remove_image_ids: Iterable[int] = (),
) -> Design:
    if actor.pk != design.maker_id:
        raise PermissionDenied(_("Only the maker can edit this design."))
    if not design.is_editable:
        raise TransitionError(_("A design that is %(state)s can no longer be edited.") % {"state": design.state_label})
    full = design.state in FULLY_EDITABLE
    if not full and (
        (title is not None and title.strip() != design.title)
        or (category is not None and category.pk != design.category_id)
        or new_images
        or list(remove_image_ids)
    ):
        raise TransitionError(
            _(
                "Title, category and images are fixed once voting has started; "
                "you can still edit the description and tags."
            )
        )
    cleaned = clean_images(new_images) if new_images else []
    try:
        with transaction.atomic():
            design = Design.objects.select_for_update().get(pk=design.pk)
            if title is not None and title.strip() != design.title:
                design.title = title.strip()
                new_slug = unique_slug(design.title, exclude_pk=design.pk)
                if new_slug != design.slug:
                    DesignSlugHistory.objects.update_or_create(slug=design.slug, defaults={"design": design})
                    DesignSlugHistory.objects.filter(slug=new_slug).delete()
                    design.slug = new_slug
            if description is not None:
                design.description = description
            if category is not None:
                design.category = category
            if mature is not None:
                design.mature = mature
            if tags is not None:
                design.tags.set(list(tags))
            design.save()
            removing = set(remove_image_ids)
            if removing:
                design.images.filter(pk__in=removing).delete()
            existing = design.images.count()
            if existing + len(cleaned) > design_rules.MAX_IMAGES:
                raise ValidationError(_("At most %(n)s images per design.") % {"n": design_rules.MAX_IMAGES})
            _store_images(design, cleaned, start=existing)
            if not design.images.exists():
                raise ValidationError({"images": _("A design needs at least one image.")})
    except Exception:
        _delete_written_files(design)
        raise
    return design


def _transition(
    *,
    design: Design,
    to: str,
    actor: User | None,
    reason: str = "",
    role_checked: bool = False,
    updates: dict | None = None,
) -> Design:
    with transaction.atomic():
        locked = Design.objects.select_for_update().get(pk=design.pk)
        source = locked.state
        if to == S.WITHDRAWN:
            if source not in WITHDRAWABLE:
                raise TransitionError(
                    _("A design that is %(state)s cannot be withdrawn.") % {"state": locked.state_label}
                )
            allowed = MAKER
        else:
            allowed = TRANSITIONS.get((source, to))
            if allowed is None:
                raise TransitionError(
                    _("A design cannot go from “%(from)s” to “%(to)s”.") % {"from": S(source).label, "to": S(to).label}
                )
        if not role_checked:
            _check_role(allowed, locked, actor)
        reason = (reason or "").strip()
        if (source, to) in REASON_REQUIRED and not reason:
            raise ValidationError({"reason": _("Please give a reason; the maker will read it.")})
        now = timezone.now()
        locked.state = to
        if to == S.SUBMITTED:
            locked.submitted_at = now
            locked.rejection_reason = ""
        elif to == S.REJECTED:
            locked.rejection_reason = reason
        elif to in (S.SELECTED, S.NOT_SELECTED):
            locked.decision_reason = reason
        for field, value in (updates or {}).items():
            setattr(locked, field, value)
        locked.save()
        DesignTransition.objects.create(design=locked, from_state=source, to_state=to, actor=actor, reason=reason)
        audit.record(
            locked,
            "commonmade.design.transition",
            user=actor,
            title=locked.title,
            **{"from": S(source).label, "to": S(to).label, "reason": reason},
        )
        _tell_maker(locked, to, reason)
        transaction.on_commit(
            lambda: design_state_changed.send(sender=Design, design=locked, from_state=source, to_state=to)
        )
    design.refresh_from_db()
    return design


def _check_role(allowed: str, design: Design, actor: User | None) -> None:
    if allowed == MAKER:
        if actor is None or actor.pk != design.maker_id:
            raise PermissionDenied(_("Only the maker can do this."))
    elif allowed == EDITOR:
        if not is_editor(actor):
            raise PermissionDenied(_("Only editors can do this."))
    elif allowed == SYSTEM and actor is not None and not is_editor(actor):
        raise PermissionDenied(_("Only editors can do this."))


def _tell_maker(design: Design, to: str, reason: str) -> None:
    message = MAKER_MESSAGES.get(to)
    if not message:
        return

    def body() -> str:
        text = str(message) % {"title": design.title}
        if reason:
            text += "\n\n" + _("Reason: %(reason)s") % {"reason": reason}
        return text

    notify(
        recipient=design.maker,
        kind=f"design_{to}",
        title=lambda: str(message) % {"title": design.title},
        body=body,
        url=design.get_absolute_url(),
    )


def design_submit(*, design: Design, actor: User) -> Design:
    return _transition(design=design, to=S.SUBMITTED, actor=actor)


def design_approve(
    *,
    design: Design,
    actor: User | None,
    voting_starts_at: datetime | None = None,
    voting_ends_at: datetime | None = None,
) -> Design:
    """Open voting: by default the open gallery's window of DESIGN_VOTING_DAYS from now."""
    now = timezone.now()
    starts = voting_starts_at or now
    ends = voting_ends_at or starts + timedelta(days=design_rules.VOTING_DAYS)
    if ends <= starts:
        raise ValidationError(_("The voting window must end after it starts."))
    updates = {"approved_at": now, "voting_starts_at": starts, "voting_ends_at": ends}
    return _transition(design=design, to=S.APPROVED, actor=actor, updates=updates)


def design_reject(*, design: Design, actor: User, reason: str) -> Design:
    return _transition(design=design, to=S.REJECTED, actor=actor, reason=reason)


def design_shortlist(*, design: Design, actor: User | None = None, reason: str = "") -> Design:
    return _transition(design=design, to=S.SHORTLISTED, actor=actor, reason=reason)


def design_leave_voting(*, design: Design, actor: User | None = None, reason: str) -> Design:
    """Voting ended without a place on the shortlist, or the design left voting early."""
    return _transition(design=design, to=S.NOT_SELECTED, actor=actor, reason=reason)


def design_select(*, design: Design, actor: User, reason: str = "") -> Design:
    return _transition(design=design, to=S.SELECTED, actor=actor, reason=reason)


def design_not_select(*, design: Design, actor: User, reason: str) -> Design:
    return _transition(design=design, to=S.NOT_SELECTED, actor=actor, reason=reason)


def design_start_production(*, design: Design, actor: User) -> Design:
    return _transition(design=design, to=S.IN_PRODUCTION, actor=actor)


def design_put_on_sale(*, design: Design, actor: User | None, trusted: bool = False) -> Design:
    """trusted=True is for the shop publishing a product an editor created."""
    return _transition(design=design, to=S.ON_SALE, actor=actor, role_checked=trusted)


def design_retire(*, design: Design, actor: User) -> Design:
    return _transition(design=design, to=S.RETIRED, actor=actor)


def design_withdraw(*, design: Design, actor: User, reason: str = "") -> Design:
    return _transition(design=design, to=S.WITHDRAWN, actor=actor, reason=reason)


VIEWS_PENDING_KEY = "designs:views:pending"


def _redis_client():
    """The raw Redis client behind the cache, or None (local memory, or Redis away)."""
    from django.core.cache import cache

    if getattr(cache, "degraded", False) or not hasattr(cache, "client"):
        return None
    try:
        return cache.client.get_client(write=True)
    except Exception:  # noqa: BLE001 - a cache that cannot hand out a client: count directly
        return None


def design_record_view(*, design: Design | int) -> None:
    """Count a page view: the total and the day's bucket.

    With Redis, the view is one HINCRBY into a buffer that `design_views_flush` (a periodic task,
    DESIGN_VIEWS_FLUSH_SECONDS) writes to the database in bulk, so a popular design's row is not
    updated (and locked) once per view. Without Redis, or when it fails, the counters are updated
    directly, without a lost update.
    """
    design_id = design if isinstance(design, int) else design.pk
    today = timezone.localdate()
    client = _redis_client() if settings.DESIGN_VIEWS_BUFFERED else None
    if client is not None:
        try:
            client.hincrby(VIEWS_PENDING_KEY, f"{design_id}:{today.isoformat()}", 1)
            return
        except Exception:  # noqa: BLE001 - Redis went away mid-call: count directly below
            logger.warning("view buffer unavailable; counting directly", exc_info=True)
    # No lost update: the total, and the day's bucket made or added to. PostgreSQL does both in one
    # statement (a data-modifying WITH); other databases in two.
    if connection.vendor == "postgresql":
        design_table, daily_table = Design._meta.db_table, DesignDailyViews._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                # Table names are the models'; the values are parameters.
                f"WITH total AS (UPDATE {design_table} SET view_count = view_count + 1 WHERE id = %s) "  # noqa: S608
                f"INSERT INTO {daily_table} (design_id, day, views) SELECT id, %s, 1 FROM {design_table} "
                f"WHERE id = %s ON CONFLICT (design_id, day) DO UPDATE SET views = {daily_table}.views + 1",
                [design_id, today, design_id],
            )
        return
    Design.objects.filter(pk=design_id).update(view_count=F("view_count") + 1)
    _upsert_daily([(design_id, today, 1)])


def design_record_view_id(design_id: int) -> None:
    """The page cache's hook: count a view of a design page served from the cache."""
    design_record_view(design=design_id)


def _add_views(counts: dict[tuple[int, date], int]) -> None:
    """Add view counts to the totals and the daily buckets: one statement per table and batch."""
    if not counts:
        return
    totals: dict[int, int] = {}
    for (design_id, _day), n in counts.items():
        totals[design_id] = totals.get(design_id, 0) + n
    with transaction.atomic():
        existing = set(Design.objects.filter(pk__in=totals).values_list("pk", flat=True))  # deleted since: dropped
        for design_id, n in sorted(totals.items()):  # a fixed order: no deadlock between two flushes
            if design_id in existing:
                Design.objects.filter(pk=design_id).update(view_count=F("view_count") + n)
        _upsert_daily([(design_id, day, n) for (design_id, day), n in sorted(counts.items()) if design_id in existing])


def _upsert_daily(rows: list[tuple[int, date, int]]) -> None:
    daily_table = DesignDailyViews._meta.db_table
    # The table name is the model's; the values are parameters.
    upsert = (
        f"INSERT INTO {daily_table} (design_id, day, views) VALUES (%s, %s, %s) "  # noqa: S608
        f"ON CONFLICT (design_id, day) DO UPDATE SET views = {daily_table}.views + excluded.views"
    )
    with connection.cursor() as cursor:
        cursor.executemany(upsert, rows)


def design_views_flush() -> int:
    """Move the buffered view counts into the database; returns how many (design, day) buckets moved."""
    client = _redis_client()
    if client is None:
        return 0
    import uuid

    batch_key = f"{VIEWS_PENDING_KEY}:flushing:{uuid.uuid4().hex}"
    try:
        client.rename(VIEWS_PENDING_KEY, batch_key)  # atomic: new views go to a fresh buffer meanwhile
    except Exception:  # noqa: BLE001 - no buffer yet (nothing viewed), or Redis away
        return 0
    raw = client.hgetall(batch_key)
    counts: dict[tuple[int, date], int] = {}
    for field, value in raw.items():
        design_id, day = (field.decode() if isinstance(field, bytes) else field).split(":")
        counts[(int(design_id), date.fromisoformat(day))] = int(value)
    try:
        _add_views(counts)
    except Exception:
        # Put the counts back so that the next flush retries them.
        for (design_id, day), n in counts.items():
            client.hincrby(VIEWS_PENDING_KEY, f"{design_id}:{day.isoformat()}", n)
        client.delete(batch_key)
        raise
    client.delete(batch_key)
    return len(counts)


# --- moderation (community decides, designs applies) ------------------------------------


def _set_moderation_flags(*, design: Design, **flags: bool) -> Design:
    """Save the moderation flags with save(), so search and every listener hear of the change."""
    with transaction.atomic():
        locked = Design.objects.select_for_update().get(pk=design.pk)
        changed = [name for name, value in flags.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, flags[name])
        if changed:
            locked.save(update_fields=[*changed, "updated_at"])
    for name, value in flags.items():
        setattr(design, name, value)
    return design


def design_moderation_remove(*, design: Design, reason: str = "") -> Design:
    """Moderators removed the design: it leaves every public list, its page, its products and search."""
    return _set_moderation_flags(design=design, moderation_removed=True, moderation_hidden=False)


def design_moderation_hide(*, design: Design) -> Design:
    """Enough flags: hidden while moderators look at it."""
    return _set_moderation_flags(design=design, moderation_hidden=True)


def design_moderation_restore(*, design: Design) -> Design:
    """Moderators kept the design: shown again."""
    return _set_moderation_flags(design=design, moderation_hidden=False)
