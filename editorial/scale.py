"""`manage.py seed_scale`: a catalogue at production scale for load and search measurements.

Rows are generated in Python and written in batches: PostgreSQL's COPY where the database is
PostgreSQL, `bulk_create` elsewhere. Primary keys are assigned here (sequences are moved past them
afterwards), so related rows can be written without reading anything back, and the same `--seed`
gives the same data. Everything seeded is marked (emails `scale-…@example.org`, slugs `scale-…`),
so a second run adds only what is missing up to the sizes asked for.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

BATCH = 10_000

ADJECTIVES = [
    "sleepy",
    "wild",
    "tiny",
    "golden",
    "neon",
    "vintage",
    "cosmic",
    "happy",
    "grumpy",
    "retro",
    "misty",
    "electric",
    "quiet",
    "brave",
    "bunte",
    "wilde",
    "kleine",
    "goldene",
    "leise",
    "mutige",
]
MOTIFS = [
    "cat",
    "cats",
    "fox",
    "owl",
    "wave",
    "mountain",
    "forest",
    "city",
    "robot",
    "dragon",
    "rocket",
    "moon",
    "sun",
    "tiger",
    "whale",
    "bicycle",
    "cactus",
    "lighthouse",
    "octopus",
    "mushroom",
    "Katze",
    "Katzen",
    "Berge",
    "Wald",
    "Fuchs",
    "Eule",
    "Welle",
    "Drache",
]
PRODUCTS = ["T-Shirt", "Tshirt", "t shirt", "poster", "sticker", "mug", "tote bag", "hoodie", "Tasse", "Beutel"]
FILLER = [
    "drawn",
    "by",
    "hand",
    "in",
    "ink",
    "with",
    "soft",
    "colours",
    "for",
    "everyday",
    "wear",
    "printed",
    "on",
    "organic",
    "cotton",
    "inspired",
    "by",
    "long",
    "walks",
    "and",
    "quiet",
    "mornings",
    "gezeichnet",
    "mit",
    "Liebe",
    "auf",
    "Bio-Baumwolle",
    "gedruckt",
    "für",
    "jeden",
    "Tag",
]
TAGS = [m.lower() for m in MOTIFS[:20]] + ["minimal", "colourful", "black-and-white", "funny", "nature", "space"]
# Public states dominate, as on a living site; a few private ones keep the filters honest.
STATES = ["approved"] * 6 + ["shortlisted", "selected", "not_selected", "on_sale", "on_sale", "retired"]
STATES += ["draft", "submitted", "withdrawn"]
PALETTES = [
    ("#1d3557", "#f1faee", "#e63946"),
    ("#264653", "#e9c46a", "#f4a261"),
    ("#2b2d42", "#edf2f4", "#ef233c"),
    ("#3d405b", "#f4f1de", "#81b29a"),
    ("#001219", "#94d2bd", "#ee9b00"),
    ("#22223b", "#f2e9e4", "#9a8c98"),
]


@dataclass
class Sizes:
    designs: int = 100_000
    users: int = 20_000
    votes: int = 1_000_000
    comments: int = 200_000
    orders: int = 20_000


class RowWriter:
    """Writes model instances: COPY on PostgreSQL, bulk_create elsewhere. Keys are set by the caller."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"

    def write(self, model: type[models.Model], objects: list[models.Model]) -> None:
        if not objects:
            return
        if not self.postgres:
            # Keep the dates set here (auto_now fields would overwrite them).
            automatic = [
                f
                for f in model._meta.local_concrete_fields
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            ]
            saved = [(f, f.auto_now, f.auto_now_add) for f in automatic]
            now = timezone.now()
            for obj in objects:
                for f in automatic:
                    if getattr(obj, f.attname) is None:
                        setattr(obj, f.attname, now)
            try:
                for f in automatic:
                    f.auto_now = f.auto_now_add = False
                model.objects.bulk_create(objects, batch_size=2000)
            finally:
                for f, auto_now, auto_now_add in saved:
                    f.auto_now, f.auto_now_add = auto_now, auto_now_add
            return
        fields = list(model._meta.local_concrete_fields)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([self._value(f, obj) for f in fields])

    @staticmethod
    def _value(field: models.Field, obj: models.Model):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = getattr(obj, field.attname) or timezone.now()
        else:
            value = field.pre_save(obj, add=True)
        if isinstance(field, models.JSONField):
            import json

            return json.dumps(value)
        if isinstance(field, models.ForeignKey | models.OneToOneField):
            return value
        return field.get_db_prep_save(value, connection) if not isinstance(value, str | int | bool) else value

    def reset_sequences(self, *models_: type[models.Model]) -> None:
        if not self.postgres:
            return
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(models_)):
                cursor.execute(sql)


def next_id(model: type[models.Model]) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pattern_image(seed: int, palette: tuple[str, str, str]):
    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    size = 900
    image = Image.new("RGB", (size, size), palette[1])
    draw = ImageDraw.Draw(image)
    for _ in range(20):
        x, y, r = rng.randrange(size), rng.randrange(size), rng.randrange(size // 14, size // 4)
        colour = palette[rng.randrange(3)]
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"scale-{seed}.jpg")


class ScaleSeeder:
    def __init__(self, sizes: Sizes, *, seed: int = 17, progress: Callable[[str, int], object] | None = None):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.seed = seed
        self.writer = RowWriter()
        self.now = timezone.now().replace(microsecond=0)
        self.progress = progress or (lambda label, total: _NullBar())

    # -- users ---------------------------------------------------------------------------------------
    def users(self) -> tuple[list[int], list[int]]:
        from allauth.account.models import EmailAddress

        from accounts.models import Profile, User

        existing = dict(
            User.objects.filter(email__startswith="scale-").values_list("email", "pk").order_by("pk").iterator()
        )
        password = make_password("commonmade")
        start_user, start_profile, start_email = next_id(User), next_id(Profile), next_id(EmailAddress)
        missing = [n for n in range(self.sizes.users) if f"scale-{n}@example.org" not in existing]
        bar = self.progress("users", len(missing))
        for batch in batched(missing):
            users, profiles, emails = [], [], []
            for n in batch:
                pk = start_user
                start_user += 1
                joined = self.now - timedelta(days=30 + n % 900)
                users.append(
                    User(
                        pk=pk,
                        email=f"scale-{n}@example.org",
                        handle=f"scale-{n}",
                        display_name=f"Member {n}",
                        password=password,
                        date_joined=joined,
                        is_active=True,
                    )
                )
                profiles.append(
                    Profile(
                        pk=start_profile,
                        user_id=pk,
                        is_maker=n % 50 == 0,
                        trust_level=1 + n % 3,
                        created_at=joined,
                        updated_at=joined,
                    )
                )
                emails.append(
                    EmailAddress(
                        pk=start_email, user_id=pk, email=f"scale-{n}@example.org", verified=True, primary=True
                    )
                )
                start_profile += 1
                start_email += 1
                existing[f"scale-{n}@example.org"] = pk
            with transaction.atomic():
                self.writer.write(User, users)
                self.writer.write(Profile, profiles)
                self.writer.write(EmailAddress, emails)
            bar.update(len(batch))
        bar.close()
        self.writer.reset_sequences(User, Profile, EmailAddress)
        ordered = [existing[f"scale-{n}@example.org"] for n in range(self.sizes.users)]
        makers = [pk for n, pk in enumerate(ordered) if n % 50 == 0]
        return ordered, makers

    # -- images --------------------------------------------------------------------------------------
    def images(self) -> list[int]:
        """A pool of 24 real images shared by the designs (cards render real renditions)."""
        from wagtail.images import get_image_model

        Image = get_image_model()
        pool = list(Image.objects.filter(title__startswith="scale-").order_by("pk").values_list("pk", flat=True))
        for n in range(len(pool), 24):
            image = Image(title=f"scale-{n}", file=_pattern_image(self.seed * 100 + n, PALETTES[n % len(PALETTES)]))
            image.save()
            pool.append(image.pk)
        return pool

    # -- designs -------------------------------------------------------------------------------------
    def designs(self, makers: list[int], images: list[int]) -> list[tuple[int, str]]:
        from taggit.models import Tag

        from designs.models import Category, Design, DesignImage, DesignTag

        categories = list(Category.objects.values_list("pk", flat=True))
        tags = [Tag.objects.get_or_create(slug=t, defaults={"name": t})[0].pk for t in TAGS]
        have = Design.objects.filter(slug__startswith="scale-").count()
        start, start_image, start_tag = next_id(Design), next_id(DesignImage), next_id(DesignTag)
        bar = self.progress("designs", max(0, self.sizes.designs - have))
        rng = random.Random(self.seed + 1)
        for _ in range(have):  # keep the stream deterministic across resumed runs
            rng.random()
        for batch in batched(range(have, self.sizes.designs)):
            designs, links, tagged = [], [], []
            for n in batch:
                state = rng.choice(STATES)
                created = self.now - timedelta(days=rng.randint(1, 700), seconds=rng.randint(0, 86_400))
                approved = created + timedelta(hours=6) if state not in {"draft", "submitted"} else None
                if state == "approved":
                    # Open voting windows: approved in the last week.
                    approved = self.now - timedelta(hours=rng.randint(1, 150))
                    created = approved - timedelta(hours=6)
                design = Design(
                    pk=start,
                    maker_id=makers[n % len(makers)],
                    title=f"{rng.choice(ADJECTIVES).title()} {rng.choice(MOTIFS)} {rng.choice(PRODUCTS)}",
                    slug=f"scale-{n}",
                    description=" ".join(rng.choices(FILLER, k=14)),
                    category_id=rng.choice(categories),
                    rights_confirmed=True,
                    state=state,
                    approved_at=approved,
                    submitted_at=created if state != "draft" else None,
                    voting_starts_at=approved if state == "approved" else None,
                    voting_ends_at=approved + timedelta(days=7) if state == "approved" else None,
                    view_count=rng.randint(0, 5000),
                    created_at=created,
                    updated_at=created,
                )
                designs.append(design)
                links.append(DesignImage(pk=start_image, design_id=start, image_id=images[n % len(images)]))
                for tag in rng.sample(tags, 2):
                    tagged.append(DesignTag(pk=start_tag, content_object_id=start, tag_id=tag))
                    start_tag += 1
                start += 1
                start_image += 1
            with transaction.atomic():
                self.writer.write(Design, designs)
                self.writer.write(DesignImage, links)
                self.writer.write(DesignTag, tagged)
            bar.update(len(batch))
        bar.close()
        self.writer.reset_sequences(Design, DesignImage, DesignTag)
        return list(
            Design.objects.filter(slug__startswith="scale-").order_by("pk").values_list("pk", "state").iterator()
        )

    # -- votes ---------------------------------------------------------------------------------------
    def votes(self, users: list[int], designs: list[tuple[int, str]]) -> None:
        from designs.models import PUBLIC_STATES
        from voting.models import Vote

        public = [pk for pk, state in designs if state in PUBLIC_STATES]
        open_ = [pk for pk, state in designs if state == "approved"]
        have = Vote.objects.filter(voter__email__startswith="scale-").count()
        wanted = max(0, self.sizes.votes - have)
        if not wanted or not public:
            return
        taken = set(Vote.objects.filter(voter__email__startswith="scale-").values_list("design_id", "voter_id"))
        rng = random.Random(self.seed + 2 + have)
        start = next_id(Vote)
        bar = self.progress("votes", wanted)
        made = 0
        # A long tail: a few designs draw many votes. Half of the votes go to designs in voting.
        while made < wanted:
            rows = []
            while len(rows) < BATCH and made + len(rows) < wanted:
                pool = open_ if open_ and rng.random() < 0.5 else public
                design = pool[int(len(pool) * rng.random() ** 3)]
                voter = users[rng.randrange(len(users))]
                if (design, voter) in taken:
                    continue
                taken.add((design, voter))
                score = rng.choice((0, 1, 2, 3, 3, 4, 4, 4, 5, 5))
                cast = self.now - timedelta(minutes=rng.randint(1, 60 * 24 * 60))
                rows.append(
                    Vote(
                        pk=start,
                        design_id=design,
                        voter_id=voter,
                        score=score,
                        would_buy=score >= 4 and rng.random() < 0.6,
                        weight=1,
                        suspicious_reasons=[],
                        network=f"10.{voter % 250}.0.0/16",
                        created_at=cast,
                        updated_at=cast,
                    )
                )
                start += 1
            with transaction.atomic():
                self.writer.write(Vote, rows)
            made += len(rows)
            bar.update(len(rows))
        bar.close()
        self.writer.reset_sequences(Vote)

    def vote_counters(self) -> int:
        """Counters from the votes, in one statement per table (what `voting_recount` checks)."""
        from voting.models import DesignVoteStats, Vote
        from voting.ranking import scores_for

        rows = (
            Vote.objects.values("design_id")
            .annotate(
                n=models.Count("pk", filter=models.Q(weight=1)),
                total=models.Sum("score", filter=models.Q(weight=1)),
                buy=models.Count("pk", filter=models.Q(weight=1, would_buy=True)),
                held=models.Count("pk", filter=models.Q(weight=0)),
            )
            .order_by()
        )
        stats = []
        for row in rows.iterator():
            s = scores_for(votes=row["n"], score_sum=row["total"] or 0, would_buy=row["buy"])
            stats.append(
                DesignVoteStats(
                    design_id=row["design_id"],
                    votes=row["n"],
                    score_sum=row["total"] or 0,
                    would_buy=row["buy"],
                    discounted=row["held"],
                    bayesian_score=s.bayesian_score,
                    wilson_lower=s.wilson_lower,
                    crowd_score=s.crowd_score,
                    updated_at=self.now,
                )
            )
        with transaction.atomic():
            DesignVoteStats.objects.all().delete()
            for batch in batched(stats):
                self.writer.write(DesignVoteStats, batch)
        return len(stats)

    # -- comments ------------------------------------------------------------------------------------
    def comments(self, users: list[int], designs: list[tuple[int, str]]) -> None:
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.sites.models import Site
        from django_comments.models import Comment
        from django_comments_xtd.models import XtdComment

        from designs.models import PUBLIC_STATES, Design

        content_type = ContentType.objects.get_for_model(Design)
        have = XtdComment.objects.filter(user_email__startswith="scale-").count()
        wanted = max(0, self.sizes.comments - have)
        public = [pk for pk, state in designs if state in PUBLIC_STATES]
        if not wanted or not public:
            return
        site_id = Site.objects.get_current().pk
        rng = random.Random(self.seed + 3 + have)
        start = next_id(Comment)
        bar = self.progress("comments", wanted)
        # The first design gets 200 comments (the query-budget case), the rest spread with a long tail.
        hot = public[0]
        for batch in batched(range(wanted)):
            parents, children = [], []
            for i in batch:
                design = hot if have + i < 200 else public[int(len(public) * rng.random() ** 2)]
                author = users[rng.randrange(len(users))]
                when = self.now - timedelta(minutes=rng.randint(1, 60 * 24 * 300))
                parents.append(
                    Comment(
                        pk=start,
                        content_type_id=content_type.pk,
                        object_pk=str(design),
                        site_id=site_id,
                        user_id=author,
                        user_name=f"scale-{author}",
                        user_email=f"scale-{author}@example.org",
                        user_url="",
                        comment=" ".join(rng.choices(FILLER, k=rng.randint(6, 30))),
                        submit_date=when,
                        ip_address=None,
                        is_public=True,
                        is_removed=False,
                    )
                )
                children.append((start, design))
                start += 1
            with transaction.atomic():
                self.writer.write(Comment, parents)
                if self.writer.postgres:
                    with connection.cursor() as cursor:
                        table = XtdComment._meta.db_table
                        with cursor.cursor.copy(
                            f'COPY {table} (comment_ptr_id, thread_id, parent_id, level, "order", followup, '
                            "nested_count) FROM STDIN"
                        ) as copy:
                            for pk, _design in children:
                                copy.write_row([pk, pk, pk, 0, 1, False, 0])
                else:
                    with connection.cursor() as cursor:
                        cursor.executemany(
                            f"INSERT INTO {XtdComment._meta.db_table} (comment_ptr_id, thread_id, parent_id, level, "
                            '"order", followup, nested_count) VALUES (%s, %s, %s, 0, 1, %s, 0)',
                            [(pk, pk, pk, False) for pk, _design in children],
                        )
            bar.update(len(batch))
        bar.close()
        self.writer.reset_sequences(Comment)

    # -- products and orders -------------------------------------------------------------------------
    def products(self, designs: list[tuple[int, str]]) -> list[tuple[int, int, Decimal]]:
        from shop.models import Product, ProductVariant

        on_sale = [pk for pk, state in designs if state == "on_sale"][:2000]
        done = set(Product.objects.filter(slug__startswith="scale-").values_list("design_id", flat=True))
        start, start_variant = next_id(Product), next_id(ProductVariant)
        products, variants = [], []
        for n, design in enumerate(on_sale):
            if design in done:
                continue
            price = Decimal("19.00") + Decimal(n % 20)
            products.append(
                Product(
                    pk=start,
                    design_id=design,
                    title=f"Scale tee {n}",
                    slug=f"scale-{design}",
                    product_type="tshirt",
                    description="Printed on organic cotton.",
                    price=price,
                    royalty_share=Decimal("0.150"),
                    made_to_order=True,
                    status="on_sale",
                    published_at=self.now - timedelta(days=n % 300),
                    created_at=self.now - timedelta(days=n % 300),
                )
            )
            for size in ("S", "M", "L"):
                variants.append(
                    ProductVariant(pk=start_variant, product_id=start, size=size, sku=f"SC{start}-{size}", stock=0)
                )
                start_variant += 1
            start += 1
        with transaction.atomic():
            self.writer.write(Product, products)
            self.writer.write(ProductVariant, variants)
        self.writer.reset_sequences(Product, ProductVariant)
        return list(
            ProductVariant.objects.filter(product__slug__startswith="scale-").values_list(
                "pk", "product_id", "product__price"
            )
        )

    def orders(self, users: list[int], variants: list[tuple[int, int, Decimal]]) -> None:
        from shop.models import Order, OrderLine

        have = Order.objects.filter(email__startswith="scale-").count()
        wanted = max(0, self.sizes.orders - have)
        if not wanted or not variants:
            return
        rng = random.Random(self.seed + 4 + have)
        start, start_line = next_id(Order), next_id(OrderLine)
        bar = self.progress("orders", wanted)
        for batch in batched(range(have, have + wanted), 5000):
            orders, lines = [], []
            for n in batch:
                buyer = users[rng.randrange(len(users))]
                variant, product, price = variants[rng.randrange(len(variants))]
                quantity = rng.randint(1, 3)
                total = price * quantity
                when = self.now - timedelta(minutes=rng.randint(60, 60 * 24 * 365))
                orders.append(
                    Order(
                        pk=start,
                        number=f"SC{self.seed:02d}{n:08d}"[:12],
                        user_id=buyer,
                        email=f"scale-{buyer}@example.org",
                        status="paid",
                        subtotal=total,
                        total=total,
                        vat_total=(total * Decimal("0.19") / Decimal("1.19")).quantize(Decimal("0.01")),
                        shipping_country="DE",
                        shipping_name=f"Member {buyer}",
                        shipping_line1="Hauptstraße 1",
                        shipping_postcode="10115",
                        shipping_city="Berlin",
                        created_at=when,
                        paid_at=when,
                    )
                )
                lines.append(
                    OrderLine(
                        pk=start_line,
                        order_id=start,
                        product_id=product,
                        variant_id=variant,
                        title="Scale tee",
                        sku=f"SC{variant}",
                        unit_price=price,
                        quantity=quantity,
                        royalty_share=Decimal("0.150"),
                        vat_rate=Decimal("0.19"),
                    )
                )
                start += 1
                start_line += 1
            with transaction.atomic():
                self.writer.write(Order, orders)
                self.writer.write(OrderLine, lines)
            bar.update(len(batch))
        bar.close()
        self.writer.reset_sequences(Order, OrderLine)

    def analyze(self) -> None:
        if self.writer.postgres:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


class _NullBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass
