"""Queries about live drops."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.db.models import Case, Count, F, OrderBy, Q, QuerySet, Sum, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from accounts.models import User
from community.selectors import can_moderate
from live import rules as live_rules
from live.models import ChatMessage, ChatTimeout, LiveShow, PinEvent, ShowStatus, Tip, TipStatus
from shop.models import OrderLine, OrderStatus, Product, ProductStatus


def show_by_slug(*, slug: str) -> LiveShow | None:
    return LiveShow.objects.select_related("host", "host__profile", "pinned_product").filter(slug=slug).first()


def show_id_for_slug(slug: str) -> int | None:
    return LiveShow.objects.filter(slug=slug).values_list("pk", flat=True).first()


def can_run(*, user: User | None, show: LiveShow) -> bool:
    """Only the host and staff start, pin, end or cancel a drop."""
    return bool(user and user.is_authenticated and (user.pk == show.host_id or user.is_staff))


def can_moderate_chat(*, user: User | None, show: LiveShow) -> bool:
    """The host, staff and the site's moderators remove messages and time members out."""
    return can_run(user=user, show=show) or bool(user and can_moderate(user=user))


def can_schedule(*, user: User | None) -> bool:
    if not (user and user.is_authenticated):
        return False
    profile = getattr(user, "profile", None)
    return user.is_staff or bool(profile and profile.is_maker)


def shows_now() -> QuerySet[LiveShow]:
    return LiveShow.objects.filter(status=ShowStatus.LIVE).select_related("host").order_by("-started_at", "-id")


def shows_upcoming(*, host: User | None = None) -> QuerySet[LiveShow]:
    shows = LiveShow.objects.filter(status=ShowStatus.SCHEDULED, ends_at__gt=timezone.now()).select_related("host")
    if host is not None:
        shows = shows.filter(host=host)
    return shows.order_by("starts_at", "id")


def shows_past(*, host: User | None = None) -> QuerySet[LiveShow]:
    shows = LiveShow.objects.filter(status=ShowStatus.ENDED).select_related("host")
    if host is not None:
        shows = shows.filter(host=host)
    return shows.order_by("-ended_at", "-id")


def host_shows(
    *, host: User, now: int, upcoming: int, past: int
) -> tuple[list[LiveShow], list[LiveShow], list[LiveShow]]:
    """The host's latest shows live now, next upcoming and latest past (at most that many of each), in one
    query: a union of three limited queries where the database allows it (PostgreSQL), else row numbers."""
    parts = (
        shows_now().filter(host=host)[:now],
        shows_upcoming(host=host)[:upcoming],
        shows_past(host=host)[:past],
    )
    if connection.features.supports_slicing_ordering_in_compound:
        rows = list(parts[0].union(parts[1], parts[2], all=True))
    else:
        rows = _host_shows_by_window(host=host, now=now, upcoming=upcoming, past=past)
    by_status = {status: [show for show in rows if show.status == status] for status in ShowStatus.values}
    live = by_status[ShowStatus.LIVE]
    live.sort(key=lambda s: (s.started_at is not None, s.started_at, s.id), reverse=True)
    scheduled = sorted(by_status[ShowStatus.SCHEDULED], key=lambda s: (s.starts_at, s.id))
    ended = by_status[ShowStatus.ENDED]
    ended.sort(key=lambda s: (s.ended_at is not None, s.ended_at, s.id), reverse=True)
    return live, scheduled, ended


def _host_shows_by_window(*, host: User, now: int, upcoming: int, past: int) -> list[LiveShow]:
    """SQLite cannot limit the parts of a union: number each kind's rows in its own order and keep the first."""
    by = {
        "rn_live": ("-started_at", "-id"),
        "rn_next": ("starts_at", "id"),
        "rn_past": ("-ended_at", "-id"),
    }
    windows = {
        name: Window(
            RowNumber(),
            partition_by=[F("status")],
            order_by=[OrderBy(F(f.lstrip("-")), descending=f.startswith("-")) for f in order],
        )
        for name, order in by.items()
    }
    shown = (
        Q(status=ShowStatus.LIVE)
        | Q(status=ShowStatus.SCHEDULED, ends_at__gt=timezone.now())
        | Q(status=ShowStatus.ENDED)
    )
    return list(
        LiveShow.objects.filter(shown, host=host)
        .select_related("host")
        .annotate(**windows)
        .filter(
            Q(status=ShowStatus.LIVE, rn_live__lte=now)
            | Q(status=ShowStatus.SCHEDULED, rn_next__lte=upcoming)
            | Q(status=ShowStatus.ENDED, rn_past__lte=past)
        )
    )


def shelf_products(*, show: LiveShow) -> list[Product]:
    """The products on the shelf that can be bought, with their variants, in the host's order."""
    items = show.shelf.select_related("product").filter(product__status=ProductStatus.ON_SALE)
    products = []
    for item in items:
        product = item.product
        product.shelf_variants = list(product.variants.all())
        product.shelf_item = item  # the drop price and quantity, shown next to the regular price
        products.append(product)
    return products


def chat_history(
    *, show: LiveShow, after_id: int = 0, before_id: int = 0, from_start: bool = False, limit: int | None = None
) -> list[ChatMessage]:
    """Chat lines oldest first, at most `limit`: the newest ones; or the first ones after `after_id` (the
    first of all with `from_start`); or the last ones before `before_id`."""
    limit = limit or live_rules.CHAT_HISTORY
    messages = ChatMessage.objects.filter(show=show).select_related("author", "tip")
    if after_id or from_start:
        return list(messages.filter(pk__gt=after_id).order_by("id")[:limit])
    if before_id:
        messages = messages.filter(pk__lt=before_id)
    return list(reversed(messages.order_by("-id")[:limit]))


def chat_has_before(*, show: LiveShow, before_id: int) -> bool:
    return ChatMessage.objects.filter(show=show, pk__lt=before_id).exists()


def shows_current() -> QuerySet[LiveShow]:
    """What is on: drops live now, then the upcoming ones, each by start time."""
    now = timezone.now()
    return (
        LiveShow.objects.filter(Q(status=ShowStatus.LIVE) | Q(status=ShowStatus.SCHEDULED, ends_at__gt=now))
        .select_related("host")
        .annotate(_live_first=Case(When(status=ShowStatus.LIVE, then=Value(0)), default=Value(1)))
        .order_by("_live_first", "starts_at", "id")
    )


def pin_timeline(*, show: LiveShow) -> QuerySet[PinEvent]:
    return PinEvent.objects.filter(show=show).select_related("product")


def timed_out_until(*, show: LiveShow, user: User):
    return (
        ChatTimeout.objects.filter(show=show, member=user, until__gt=timezone.now())
        .values_list("until", flat=True)
        .first()
    )


def tips_total(*, show: LiveShow) -> dict:
    paid = Tip.objects.filter(show=show, status=TipStatus.PAID).aggregate(n=Count("id"), s=Sum("amount"))
    return {"count": paid["n"] or 0, "amount": paid["s"] or 0}


def show_sales(*, show: LiveShow) -> dict:
    """Shelf products sold while the drop ran (and in the hour after): units and revenue."""
    start = show.started_at or show.starts_at
    end = (show.ended_at or timezone.now()) + timedelta(hours=1)
    product_ids = list(show.shelf.values_list("product_id", flat=True))
    lines = OrderLine.objects.filter(
        product_id__in=product_ids,
        order__status=OrderStatus.PAID,
        order__paid_at__gte=start,
        order__paid_at__lte=end,
    )
    units = lines.aggregate(n=Sum("quantity"))["n"] or 0
    revenue = sum((line.unit_price * line.quantity for line in lines.only("unit_price", "quantity")), start=0)
    return {"units": units, "revenue": revenue}


def host_drops_with_sales(*, host: User, limit: int = 10) -> list[dict]:
    shows = LiveShow.objects.filter(host=host).filter(Q(status=ShowStatus.ENDED) | Q(status=ShowStatus.LIVE))
    return [
        {"show": show, "sales": show_sales(show=show), "tips": tips_total(show=show)}
        for show in shows.order_by("-starts_at")[:limit]
    ]
