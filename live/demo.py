"""Demo live drops: one live now (chat history, a pinned product and a tip), one upcoming, one past with a replay.

Idempotent: each run moves the drops' times so "live now" is live whenever `make run` seeds.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from accounts.models import User
from live.models import ChatMessage, LiveShow, PinEvent, ShelfItem, ShowStatus, Tip
from live.services import tip_mark_paid
from shop.models import Product

DEMO_STREAM = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
# The player as YouTube's oEmbed answers it, stored so the demo page embeds without asking YouTube.
DEMO_EMBED_HTML = (
    '<iframe width="960" height="540" src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" '
    'title="Live drop stream" frameborder="0" allow="encrypted-media; picture-in-picture" allowfullscreen></iframe>'
)

CHAT = [
    ("member@example.com", "Hi Mira! Is the forest tee soft cotton?"),
    ("maker@example.com", "Yes: organic cotton, printed by hand in our studio."),
    ("maker2@example.com", "Love the new green on this one."),
    ("member@example.com", "Just added a medium to my cart **:)**"),
]


def _demo_embed() -> None:
    Embed.objects.update_or_create(
        hash=get_embed_hash(DEMO_STREAM, 960),
        defaults={
            "url": DEMO_STREAM,
            "max_width": 960,
            "type": "video",
            "html": DEMO_EMBED_HTML,
            "title": "Live drop stream",
            "provider_name": "YouTube",
            "width": 960,
            "height": 540,
            "thumbnail_url": "",
        },
    )


def _show(slug: str, host: User, **fields) -> LiveShow:
    show, _created = LiveShow.objects.update_or_create(slug=slug, defaults={"host": host, **fields})
    return show


def _shelf(show: LiveShow, slugs: list[str]) -> list[Product]:
    products = list(Product.objects.filter(slug__in=slugs))
    for position, product in enumerate(products):
        ShelfItem.objects.update_or_create(show=show, product=product, defaults={"position": position})
    return products


def seed_live() -> list[LiveShow]:
    now = timezone.now()
    mira = User.objects.get(email="maker@example.com")
    second = User.objects.get(email="maker2@example.com")
    member = User.objects.get(email="member@example.com")
    _demo_embed()
    claimed = {"announced_at": now, "reminded_at": now, "start_notified_at": now}

    on_air = _show(
        "forest-prints-live",
        mira,
        title="Forest prints, live from the studio",
        description="Mira prints the new forest tee live. Ask anything in the chat; the shelf holds what she shows.",
        stream_url=DEMO_STREAM,
        starts_at=now - timedelta(minutes=20),
        ends_at=now + timedelta(hours=2),
        status=ShowStatus.LIVE,
        started_at=now - timedelta(minutes=20),
        ended_at=None,
        slow_mode_seconds=0,
        **claimed,
    )
    shelf = _shelf(on_air, ["forest-pattern-tee", "sunflower-tote-bag"])
    if shelf:
        # The pinned tee sells at a drop-only price, 20 of them while the show runs.
        ShelfItem.objects.filter(show=on_air, product=shelf[0], drop_quantity__isnull=True).update(
            drop_price=(shelf[0].price * Decimal("0.8")).quantize(Decimal("0.01")), drop_quantity=20
        )
        LiveShow.objects.filter(pk=on_air.pk).update(pinned_product=shelf[0])
        if not on_air.pins.exists():
            PinEvent.objects.create(show=on_air, product=shelf[0], pinned_at=now - timedelta(minutes=15))
    if not on_air.messages.exists():
        for minutes, (email, text) in zip(range(18, 0, -4), CHAT, strict=False):
            ChatMessage.objects.create(
                show=on_air,
                author=User.objects.get(email=email),
                text=text,
                created_at=now - timedelta(minutes=minutes),
            )
    if not on_air.tips.exists():
        tip = Tip.objects.create(show=on_air, tipper=member, amount="5.00")
        tip_mark_paid(tip_id=tip.pk)

    upcoming = _show(
        "cat-astronaut-drop",
        second,
        title="Cat Astronaut: the poster drop",
        description="A live look at the new prints, with a few signed copies.",
        stream_url="",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=1),
        status=ShowStatus.SCHEDULED,
        started_at=None,
        ended_at=None,
        announced_at=now,
    )
    _shelf(upcoming, ["cat-astronaut-print"])

    past = _show(
        "summer-totes-replay",
        mira,
        title="Summer totes: the replay",
        description="Last week's drop: the sunflower tote from sketch to print.",
        stream_url=DEMO_STREAM,
        starts_at=now - timedelta(days=7),
        ends_at=now - timedelta(days=7) + timedelta(hours=1),
        status=ShowStatus.ENDED,
        started_at=now - timedelta(days=7),
        ended_at=now - timedelta(days=7) + timedelta(hours=1),
        **claimed,
    )
    past_shelf = _shelf(past, ["sunflower-tote-bag", "forest-pattern-tee"])
    if not past.pins.exists():
        for minutes, product in zip((5, 30), past_shelf, strict=False):
            PinEvent.objects.create(show=past, product=product, pinned_at=past.started_at + timedelta(minutes=minutes))
    if not past.messages.exists():
        ChatMessage.objects.create(
            show=past, author=member, text="That tote is perfect for the market.", created_at=past.started_at
        )
    _seed_brand(mira)
    return [on_air, upcoming, past]


def _seed_brand(maker: User) -> None:
    """Mira's storefront as a brand: an accent colour, an intro block and one curated collection."""
    from makers.models import Brand
    from makers.services import brand_update, collection_save

    if Brand.objects.filter(maker=maker).exists():
        return
    brand_update(
        maker=maker,
        accent_colour="#1f5f4a",
        blocks=[("From the studio", "Screen prints of forests and flowers, made in small runs. Live every month.")],
    )
    products = list(Product.objects.filter(design__maker=maker).values_list("pk", flat=True)[:4])
    if products:
        collection_save(
            maker=maker, title="Forest favourites", description="What sold out last time.", product_ids=products
        )
