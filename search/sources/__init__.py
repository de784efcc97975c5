"""What search indexes: one "source" per kind of thing (designs, makers, products, stories).

A source lists the objects that belong in the index, turns one into an IndexEntry
(the same shape for every backend) and connects the signals that tell search an
object changed. Apps written later add a source with `register(MySource())`
in search/apps.py; nothing else in search needs to know about them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL

# Called with (kind, primary key) whenever an object may have changed.
Schedule = Callable[[str, int], None]


@dataclass
class IndexEntry:
    kind: str
    object_id: int
    title: str
    url: str
    body: str = ""
    subtitle: str = ""
    # More words to find the object by (e.g. a product's type in English and German); not shown.
    keywords: str = ""
    tags: list[str] = field(default_factory=list)
    category: str = ""
    category_label: str = ""
    product_type: str = ""
    state: str = ""
    price: Decimal | None = None
    rating: float | None = None
    rating_count: int = 0
    crowd_score: float = 0.0
    sales: int = 0
    published_at: datetime | None = None
    image_url: str = ""


def id_in(ids: Iterable[int]):
    """The right side of `pk__in=` for a batch of ids: on PostgreSQL one array parameter.

    A batch is 500 ids; as 500 placeholders, the driver spends longer splitting each statement
    (client-side binding) than PostgreSQL spends running it.
    """
    ids = list(ids)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids


class SearchSource:
    kind: str = ""
    label = ""  # plural, translatable: shown as a facet value
    model: type[Model]

    def queryset(self) -> QuerySet:
        """Every object that belongs in the index, with what serialize() needs joined in."""
        raise NotImplementedError

    def serialize(self, obj: Model) -> IndexEntry:
        raise NotImplementedError

    def serialize_many(self, objects: Iterable[Model]) -> list[IndexEntry]:
        return [self.serialize(obj) for obj in objects]

    def entries(self, ids: Iterable[int]) -> list[IndexEntry]:
        """The entries of these objects; objects that do not belong in the index are left out.

        A source with many objects overrides this to read plain rows in bulk (see DesignSource).
        """
        return self.serialize_many(self.queryset().filter(pk__in=list(ids)))

    def batches(self, chunk: int) -> Iterator[list[IndexEntry]]:
        """Every entry of this kind, `chunk` objects at a time, in primary key order."""
        last = None
        while True:
            page = self.queryset().order_by("pk")
            if last is not None:
                page = page.filter(pk__gt=last)
            ids = list(page.values_list("pk", flat=True)[:chunk])
            if not ids:
                return
            last = ids[-1]
            yield self.entries(ids)

    def connect(self, schedule: Schedule) -> None:
        """Connect the signals that mean an object of this kind changed (or left)."""
        raise NotImplementedError


_registry: dict[str, SearchSource] = {}


def register(source: SearchSource) -> SearchSource:
    if source.kind in _registry:
        raise ValueError(f"A search source for {source.kind!r} is already registered.")
    _registry[source.kind] = source
    return source


def unregister(kind: str) -> None:
    _registry.pop(kind, None)


def sources() -> list[SearchSource]:
    return list(_registry.values())


def get_source(kind: str) -> SearchSource | None:
    return _registry.get(kind)


def kinds() -> list[str]:
    return list(_registry)
