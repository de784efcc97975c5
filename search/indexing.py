"""Keeps the indexes in step with the catalogue: after commit, through Celery, in bulk.

The database index is always kept (it is the fallback when Elasticsearch does not
answer); Elasticsearch is kept as well when ELASTICSEARCH_URL is set.
"""

from __future__ import annotations

import contextlib
import logging
import math
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import translation

from search import query_cache
from search import rules as search_rules
from search.models import SAMPLE_EVERY, SearchEntry, SearchEntryTag, SearchTerm
from search.sources import IndexEntry, get_source, sources
from search.text import MAX_TERM_LENGTH, index_text

logger = logging.getLogger(__name__)

CHUNK = 500
PRICE_BANDS = [
    (Decimal(0), Decimal(20)),
    (Decimal(20), Decimal(40)),
    (Decimal(40), Decimal(60)),
    (Decimal(60), Decimal(100)),
]
TOP_PRICE = Decimal(100)
RATING_BANDS = ("4", "3", "2", "1", "0")
_local = threading.local()


def price_band(price: Decimal | None) -> str:
    if price is None:
        return ""
    for low, high in PRICE_BANDS:
        if low <= price < high:
            return f"{low}-{high}"
    return f"{TOP_PRICE}+"


def price_band_choices() -> list[str]:
    return [f"{low}-{high}" for low, high in PRICE_BANDS] + [f"{TOP_PRICE}+"]


def rating_band(rating: float | None) -> str:
    """ "4" means 4.0 to 5.0, "3" means 3.0 to 3.99, …"""
    if rating is None:
        return ""
    return str(max(0, min(4, math.floor(rating))))


def stored_tag(tag: str) -> str:
    """A tag as the index keeps it, in SearchEntryTag and in tag_text alike ("|" separates tag_text's tags)."""
    return tag[:100].replace("|", " ")


def boost(entry: IndexEntry) -> float:
    return 1.0 + 0.5 * math.log1p(max(entry.crowd_score, 0)) + 0.3 * math.log1p(max(entry.sales, 0))


def documents(entry: IndexEntry) -> tuple[str, str, str]:
    return (
        index_text(entry.title),
        index_text(" ".join(entry.tags), entry.category_label, entry.subtitle, entry.keywords),
        index_text(entry.body),
    )


# --- scheduling ----------------------------------------------------------------------


def schedule(kind: str, pk: int) -> None:
    """Remember that an object changed; index it once the transaction commits."""
    pending = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = {}
    pending.setdefault(kind, set()).add(pk)
    # Every change registers the flush: after a rollback the next commit still flushes.
    transaction.on_commit(_flush)


def _flush() -> None:
    from search.tasks import index_objects

    pending, _local.pending = getattr(_local, "pending", None) or {}, {}
    for kind, ids in pending.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), CHUNK):
            index_objects.delay(kind, ordered[start : start + CHUNK])


def connect_sources() -> None:
    for source in sources():
        source.connect(schedule)


# --- writing ---------------------------------------------------------------------------


def sync(kind: str, ids: Iterable[int]) -> tuple[int, int]:
    """Bring the given objects up to date in every index; returns (written, removed)."""
    source = get_source(kind)
    if source is None:
        raise ValueError(f"No search source for {kind!r}.")
    ids = set(ids)
    # Paths are stored in the default language (no /de/ prefix); results give them the page's language.
    with translation.override(settings.LANGUAGE_CODE):
        entries = source.entries(ids)
    gone = ids - {e.object_id for e in entries}
    with transaction.atomic():
        write_entries(entries)
        delete_entries(kind, gone)
    if settings.ELASTICSEARCH_URL:
        from search import elastic

        elastic.sync_entries(entries, removed=[(kind, pk) for pk in gone])
    return len(entries), len(gone)


def _row(entry: IndexEntry) -> dict:
    """The stored columns of one entry (without id, vectors and indexed_at)."""
    return {
        "kind": entry.kind,
        "object_id": entry.object_id,
        "title": entry.title[:200],
        "subtitle": entry.subtitle[:200],
        "body": entry.body,
        "url": entry.url,
        "image_url": entry.image_url,
        "category": entry.category,
        "category_label": entry.category_label,
        "product_type": entry.product_type,
        "state": entry.state,
        "price": entry.price,
        "price_band": price_band(entry.price),
        "rating": entry.rating,
        "rating_band": rating_band(entry.rating),
        "rating_count": entry.rating_count,
        "crowd_score": entry.crowd_score,
        "sales": entry.sales,
        "boost": boost(entry),
        "published_at": entry.published_at,
        "tag_text": "|".join(sorted({stored_tag(t) for t in entry.tags})),
        "in_sample": entry.object_id % SAMPLE_EVERY == 0,
    }


def write_entries(
    entries: list[IndexEntry], *, vocabulary: bool = True, docs: list[tuple[str, str, str]] | None = None
) -> list[tuple[str, str, str]]:
    """Insert or update the entries with their tags; returns their documents (title, tags and words, text).

    `docs`: the entries' documents when the caller made them already.
    """
    if not entries:
        return []
    query_cache.index_changed()
    if docs is None:
        docs = [documents(entry) for entry in entries]
    rows = [_row(entry) for entry in entries]
    ids = _upsert_postgres(rows, docs) if connection.vendor == "postgresql" else _upsert_other(rows)
    tag_rows = [(pk, tag) for pk, e in zip(ids, entries, strict=True) for tag in {stored_tag(t) for t in e.tags}]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_searchentrytag WHERE entry_id = ANY(%s)", [ids])
            if tag_rows:
                cursor.execute(
                    "INSERT INTO search_searchentrytag (entry_id, tag) SELECT * FROM unnest(%s::bigint[], %s::text[])",
                    [[pk for pk, _tag in tag_rows], [tag for _pk, tag in tag_rows]],
                )
    else:
        SearchEntryTag.objects.filter(entry_id__in=ids).delete()
        SearchEntryTag.objects.bulk_create(
            [SearchEntryTag(entry_id=pk, tag=tag) for pk, tag in tag_rows], batch_size=2000
        )
        _write_fts(ids, docs)
    if vocabulary:
        add_terms(Counter(w for doc in docs for w in set(" ".join(doc).split())))
    return docs


def _upsert_other(rows: list[dict]) -> list[int]:
    """SQLite: bulk_create with update on conflict, then the ids."""
    objects = [SearchEntry(**row) for row in rows]
    fields = [f.name for f in SearchEntry._meta.concrete_fields if f.name not in {"id", "kind", "object_id"}]
    fields = [f for f in fields if f not in {"search_vector", "title_vector"}]
    SearchEntry.objects.bulk_create(
        objects, update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=fields, batch_size=CHUNK
    )
    by_key = {
        (kind, object_id): pk
        for kind, object_id, pk in SearchEntry.objects.filter(
            kind__in={r["kind"] for r in rows}, object_id__in=[r["object_id"] for r in rows]
        ).values_list("kind", "object_id", "pk")
    }
    return [by_key[(r["kind"], r["object_id"])] for r in rows]


# Column -> the array type its values are sent as (one array parameter per column, not one per value).
_PG_COLUMNS = {
    "kind": "text",
    "object_id": "bigint",
    "title": "text",
    "subtitle": "text",
    "body": "text",
    "url": "text",
    "image_url": "text",
    "category": "text",
    "category_label": "text",
    "product_type": "text",
    "state": "text",
    "price": "numeric",
    "price_band": "text",
    "rating": "float8",
    "rating_band": "text",
    "rating_count": "integer",
    "crowd_score": "float8",
    "sales": "integer",
    "boost": "float8",
    "published_at": "timestamptz",
    "tag_text": "text",
    "in_sample": "boolean",
}
_DOCS = ("doc_a", "doc_b", "doc_c")
_VECTOR_SQL = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, COALESCE(d.{doc}, '')), '{weight}')"
    for doc, weight in zip(_DOCS, "ABC", strict=True)
    for config in ("english", "german")
)
# Fixed SQL from the constants above; every value is a parameter.
_UPSERT_SQL = (  # noqa: S608
    "INSERT INTO search_searchentry ({columns}, search_vector, title_vector, indexed_at) "
    "SELECT {values}, {vector}, to_tsvector('simple'::regconfig, COALESCE(d.doc_a, '')), now() "
    "FROM unnest({arrays}) AS d({names}) "
    "ON CONFLICT (kind, object_id) DO UPDATE SET {updates} "
    "RETURNING id, kind, object_id"
).format(
    columns=", ".join(_PG_COLUMNS),
    values=", ".join(f"d.{c}" for c in _PG_COLUMNS),
    vector=_VECTOR_SQL,
    arrays=", ".join([f"%s::{t}[]" for t in _PG_COLUMNS.values()] + ["%s::text[]"] * 3),
    names=", ".join([*_PG_COLUMNS, *_DOCS]),
    updates=", ".join(
        f"{c} = EXCLUDED.{c}"
        for c in [*_PG_COLUMNS, "search_vector", "title_vector", "indexed_at"]
        if c not in ("kind", "object_id")
    ),
)


def _upsert_postgres(rows: list[dict], docs: list[tuple[str, str, str]]) -> list[int]:
    """Insert or update the rows with their vectors in one short statement per chunk; returns the ids in order.

    Each column travels as one array parameter (unnest), so the statement stays the same size
    whatever the chunk; PostgreSQL computes the vectors from the documents in the same statement
    that writes the row (a second UPDATE would leave every row's old version behind).
    """
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            chunk_docs = docs[start : start + CHUNK]
            params = [[row[c] for row in chunk] for c in _PG_COLUMNS]
            params += [[doc[i] for doc in chunk_docs] for i in range(3)]
            cursor.execute(_UPSERT_SQL, params)
            by_key = {(kind, object_id): pk for pk, kind, object_id in cursor.fetchall()}
            ids += [by_key[(row["kind"], row["object_id"])] for row in chunk]
    return ids


def _write_fts(ids: list[int], docs: list[tuple[str, str, str]]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(
                f"DELETE FROM search_fts WHERE rowid IN ({','.join(['%s'] * len(chunk))})",  # noqa: S608 (placeholders only)
                chunk,
            )
        cursor.executemany(
            "INSERT INTO search_fts (rowid, doc_a, doc_b, doc_c) VALUES (%s, %s, %s, %s)",
            [(pk, *doc) for pk, doc in zip(ids, docs, strict=True)],
        )


def add_terms(counts: Counter) -> None:
    words = {w: n for w, n in counts.items() if 3 <= len(w) <= MAX_TERM_LENGTH and not w.isdigit()}
    if words:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=w, frequency=n) for w, n in words.items()], ignore_conflicts=True, batch_size=2000
        )


def delete_entries(kind: str, object_ids: Iterable[int]) -> int:
    object_ids = list(object_ids)
    if not object_ids:
        return 0
    ids = list(SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).values_list("pk", flat=True))
    if ids:
        query_cache.index_changed()
    if ids and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM search_fts WHERE rowid IN ({','.join(['%s'] * len(ids))})",  # noqa: S608 (placeholders only)
                ids,
            )
    SearchEntry.objects.filter(pk__in=ids).delete()
    return len(ids)


def rebuild_database(*, progress: Callable[[int], None] | None = None) -> int:
    """Empty the database index and fill it again from every source; returns the count."""
    total = 0
    vocabulary: Counter = Counter()
    query_cache.index_changed()
    # A second connection reads what the rebuild's own transaction can see only if none is open yet.
    read_ahead = connection.vendor == "postgresql" and not connection.in_atomic_block
    batches = _read_ahead(_with_documents) if read_ahead else _with_documents()
    with contextlib.closing(batches), transaction.atomic():
        # One statement per table: the ORM would read every id first to cascade by hand. DELETE, not
        # TRUNCATE: searches keep reading the old rows until the new ones commit.
        tables = [m._meta.db_table for m in (SearchEntryTag, SearchEntry, SearchTerm)]
        if connection.vendor == "sqlite":
            tables.append("search_fts")
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 (model table names)
        for batch, docs in batches:
            write_entries(batch, vocabulary=False, docs=docs)
            for doc in docs:
                vocabulary.update(set(" ".join(doc).split()))
            total += len(batch)
            if progress:
                progress(len(batch))
        add_terms(vocabulary)
    return total


def _with_documents() -> Iterator[tuple[list[IndexEntry], list[tuple[str, str, str]]]]:
    for batch in iter_entries():
        yield batch, [documents(entry) for entry in batch]


def _read_ahead(batches: Callable[[], Iterator], depth: int = 2) -> Iterator:
    """The items of `batches()`, made by a second thread (with a connection of its own) up to `depth` ahead.

    The rebuild is half reading and preparing the catalogue (Python) and half PostgreSQL writing
    the index and computing its vectors: with the reading in its own thread, the two overlap.
    """
    ahead: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    end = object()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in batches():
                if not put(item):
                    return
            put(end)
        except BaseException as exc:  # noqa: BLE001 - handed to the consuming thread, which raises it
            put(exc)
        finally:
            connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=produce, name="search-rebuild-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = ahead.get()
            if item is end:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()


def iter_entries(chunk: int = CHUNK):
    with translation.override(settings.LANGUAGE_CODE):
        yield from _iter_entries(chunk)


def _iter_entries(chunk: int):
    for source in sources():
        for batch in source.batches(chunk):
            if batch:
                yield batch


def count_indexable() -> int:
    return sum(source.queryset().count() for source in sources())


# --- crowd scores ----------------------------------------------------------------------


def designs_with_stale_votes() -> list[int]:
    """Indexed designs whose crowd score or rating moved by more than SEARCH_VOTE_TOLERANCE since indexing.

    Votes are cast far more often than anything else changes, so casting one never
    touches the index; this comparison, run every few minutes and after the voting
    recount, catches up in bulk with what moved enough to change an order.
    """
    from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, Value, When
    from django.db.models.functions import Coalesce

    from voting.models import DesignVoteStats

    tolerance = search_rules.VOTE_TOLERANCE
    indexed = SearchEntry.objects.filter(kind="design", object_id=OuterRef("pk"))
    # Designs without counted votes are indexed without a rating: both sides read -1 then.
    stale = (
        DesignVoteStats.objects.annotate(
            indexed_score=Subquery(indexed.values("crowd_score")[:1], output_field=FloatField()),
            indexed_rating=Coalesce(Subquery(indexed.values("rating")[:1], output_field=FloatField()), Value(-1.0)),
            rating_now=Case(
                When(votes__gt=0, then=F("bayesian_score")), default=Value(-1.0), output_field=FloatField()
            ),
            score_now=Case(When(votes__gt=0, then=F("crowd_score")), default=Value(0.0), output_field=FloatField()),
        )
        .filter(indexed_score__isnull=False)
        .filter(
            Q(score_now__gt=F("indexed_score") + tolerance)
            | Q(score_now__lt=F("indexed_score") - tolerance)
            | Q(rating_now__gt=F("indexed_rating") + tolerance / 20)
            | Q(rating_now__lt=F("indexed_rating") - tolerance / 20)
        )
    )
    return sorted(stale.values_list("pk", flat=True))


def reindex_stale_designs() -> int:
    """Queue the designs whose vote numbers drifted from the index; returns how many."""
    from search.tasks import index_objects

    ids = designs_with_stale_votes()
    for start in range(0, len(ids), CHUNK):
        index_objects.delay("design", ids[start : start + CHUNK])
    return len(ids)


def _after_task(sender=None, task=None, **kwargs) -> None:
    if getattr(task, "name", "") == "voting.tasks.voting_recount":
        reindex_stale_designs()


def connect_vote_recount() -> None:
    """The voting recount may repair counters or rescore designs: catch the index up right after it."""
    from celery.signals import task_postrun

    task_postrun.connect(_after_task, weak=False, dispatch_uid="search-after-voting-recount")
