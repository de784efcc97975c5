"""Queries for designs, with the joins and prefetches that keep page query counts flat."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from core.pagecache import cached_fragment
from designs.models import PUBLIC_STATES, Category, Design, DesignDailyViews, DesignImage, DesignSlugHistory

# Renditions the card and detail templates ask for; prefetching them avoids a query per image.
CARD_RENDITIONS = ("width-400|format-webp", "width-800|format-webp")
DETAIL_RENDITIONS = ("width-600|format-webp", "width-1200|format-webp", "width-1800|format-webp")

SORTS = {
    "newest": ("-approved_at", "-created_at", "-id"),
    "oldest": ("approved_at", "created_at", "id"),
    "top": ("-view_count", "-id"),
}


def _images_prefetch(renditions: tuple[str, ...], lookup: str = "images") -> Prefetch:
    # Not Prefetch("image", queryset=...prefetch_renditions()): the image is already joined, so that
    # prefetch would never run and every card would look its rendition up on its own. All of an
    # image's renditions (a handful), not only `renditions`: Wagtail takes prefetched renditions as
    # complete and would make a new copy of any other one (the share image) on every request.
    queryset = DesignImage.objects.select_related("image").prefetch_related("image__renditions")
    return Prefetch(lookup, queryset=queryset.order_by("position", "id"))


def card_images_prefetch(lookup: str = "images") -> Prefetch:
    """What designs/includes/design_card.html reads of the images (with renditions); `lookup` from another model."""
    return _images_prefetch(CARD_RENDITIONS, lookup)


def public_designs() -> QuerySet[Design]:
    return Design.objects.filter(state__in=PUBLIC_STATES, moderation_removed=False, moderation_hidden=False)


def designs_for_cards(ids: Iterable[int], *, public_only: bool = True) -> dict[int, Design]:
    """Design id -> design ready for designs/includes/design_card.html (maker, category, cover renditions).

    With public_only (the default) drafts, rejected, withdrawn, removed and hidden designs are left out.
    """
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    queryset = (public_designs() if public_only else Design.objects.all()).filter(pk__in=ids)
    queryset = queryset.select_related("maker", "category").prefetch_related(_images_prefetch(CARD_RENDITIONS))
    return {design.pk: design for design in queryset}


def design_list(
    *,
    category: str | None = None,
    tag: str | None = None,
    state: str | None = None,
    sort: str = "newest",
    maker: User | None = None,
    include_private: bool = False,
) -> QuerySet[Design]:
    designs = Design.objects.all() if include_private else public_designs()
    if maker is not None:
        designs = designs.filter(maker=maker)
    if category:
        designs = designs.filter(category__slug=category)
    if tag:
        # A subquery, not a join: no DISTINCT over every column to count or page the list.
        from designs.models import DesignTag

        designs = designs.filter(pk__in=DesignTag.objects.filter(tag__slug=tag).values("content_object_id"))
    if state:
        designs = designs.filter(state=state)
    return (
        designs.select_related("maker", "category")
        .prefetch_related(_images_prefetch(CARD_RENDITIONS))
        .order_by(*SORTS.get(sort, SORTS["newest"]))
    )


def design_detail(*, slug: str) -> Design | None:
    return (
        Design.objects.select_related("maker", "maker__profile", "category")
        .prefetch_related(_images_prefetch(DETAIL_RENDITIONS), "tags")
        .filter(slug=slug)
        .first()
    )


def design_by_old_slug(*, slug: str) -> Design | None:
    old = DesignSlugHistory.objects.select_related("design").filter(slug=slug).first()
    return old.design if old else None


def design_visible_to(*, design: Design, user: User | None) -> bool:
    if design.is_public:
        return True
    if user is None or not user.is_authenticated:
        return False
    from designs.services import is_editor

    return user.pk == design.maker_id or is_editor(user)


def categories() -> list[Category]:
    return cached_fragment("designs:categories", lambda: list(Category.objects.all()))


def popular_tags(*, limit: int = 20) -> list[dict]:
    """The most used tags of public designs: a count over every tagged design, so cached (core/pagecache.py)."""
    from designs.models import DesignTag

    def compute() -> list[dict]:
        return list(
            DesignTag.objects.filter(content_object__in=public_designs())
            .values("tag__name", "tag__slug")
            .annotate(n=Count("id"))
            .order_by("-n", "tag__name")[:limit]
        )

    return cached_fragment(f"designs:popular-tags:{limit}", compute)


def designs_awaiting_review() -> QuerySet[Design]:
    return (
        Design.objects.filter(state="submitted")
        .select_related("maker", "category")
        .prefetch_related(_images_prefetch(("width-400|format-webp",)))
        .order_by("submitted_at", "id")
    )


def maker_designs_by_state(*, maker: User, viewer: User | None) -> dict[str, list[Design]]:
    """A storefront's designs grouped by state; private states only for the maker."""
    include_private = viewer is not None and viewer.is_authenticated and viewer.pk == maker.pk
    grouped: dict[str, list[Design]] = {}
    for design in design_list(maker=maker, include_private=include_private):
        grouped.setdefault(design.state, []).append(design)
    return grouped


def makers_list() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, designs__state__in=PUBLIC_STATES, designs__moderation_removed=False)
        .select_related("profile", "profile__avatar")
        .distinct()
        .order_by("handle")
    )


def daily_views_rows(*, design_ids: list[int], since: date) -> QuerySet:
    """Views per day of these designs from `since` on, as rows (day, total): to run, or to combine."""
    return (
        DesignDailyViews.objects.filter(design_id__in=design_ids, day__gte=since)
        .values("day")
        .annotate(total=Sum("views"))
        .order_by()
    )


def daily_views(*, design_ids: list[int], since: date) -> dict[date, int]:
    return {row["day"]: row["total"] for row in daily_views_rows(design_ids=design_ids, since=since)}


def dashboard_designs(*, maker: User) -> QuerySet[Design]:
    return (
        Design.objects.filter(maker=maker)
        .select_related("category")
        .prefetch_related(_images_prefetch(("width-400|format-webp",)))
        .order_by("-created_at", "-id")
    )


def last_days(days: int) -> list[date]:
    today = timezone.localdate()
    return [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]


def cover_image_urls(*, design_ids: list[int], spec: str = "width-800|format-webp") -> dict[int, str]:
    """The cover rendition URL of each design (its first image), for lists outside templates: two queries.

    A rendition that does not exist yet is made on first use, as the templates do.
    """
    if not design_ids:
        return {}
    rows = (
        DesignImage.objects.filter(design_id__in=design_ids)
        .select_related("image")
        .prefetch_related("image__renditions")  # every rendition: see _images_prefetch
        .order_by("design_id", "position", "id")
    )
    covers: dict[int, str] = {}
    for row in rows:
        if row.design_id not in covers:
            covers[row.design_id] = row.image.get_rendition(spec).url
    return covers
