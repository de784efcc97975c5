"""Search at catalogue scale: 100,000 designs on PostgreSQL, p50/p95 of search and suggest.

Uses its own database, never the development one:

    createdb -h 127.0.0.1 -U postgres cm_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cm_bench .venv/bin/python benchmarks/search_bench.py

Seeds once (bulk_create) where the database holds fewer designs than --designs (a `seed_scale`
catalogue is used as it is), rebuilds the database index, then times `search_catalog`
and `/search/suggest` and writes the figures to benchmarks/RESULTS.md.
Targets: search p95 < 50 ms, suggest p95 < 20 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# The seed_scale word lists: the benchmark's catalogue reads like the scale catalogue.
from editorial.scale import ADJECTIVES, FILLER, MOTIFS, PRODUCTS, TAGS  # noqa: E402

QUERIES = [
    ("tshirt", {}, "relevance"),
    ("cat", {}, "relevance"),
    ("sleepy cat", {}, "relevance"),
    ("tshrit", {}, "relevance"),
    ("Katze", {}, "relevance"),
    ("lighthouse poster", {}, "relevance"),
    ("mountian", {}, "relevance"),
    ("golden dragon mug", {}, "relevance"),
    ("fox", {"category": ["apparel"]}, "relevance"),
    ("wave", {"tags": ["nature"]}, "newest"),
    ("robot", {}, "top_rated"),
    ("owl", {}, "best_selling"),
    ("t shirts", {}, "relevance"),
    ("organic cotton", {}, "relevance"),
    ("xylophone", {}, "relevance"),
]
PREFIXES = ["ts", "t-sh", "cat", "kat", "moun", "light", "gol", "dra", "fo", "rob", "sleepy c", "wave p", "eu", "wh"]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def seed(count: int) -> None:
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag
    from tqdm import tqdm

    from accounts.models import Profile, User
    from designs.models import Category, Design, DesignTag

    rng = random.Random(8)
    makers = []
    for n in range(200):
        user, _ = User.objects.get_or_create(
            email=f"bench-maker-{n}@example.org", defaults={"handle": f"bench-maker-{n}", "display_name": f"Maker {n}"}
        )
        Profile.objects.filter(user=user).update(is_maker=True)
        makers.append(user)
    categories = list(Category.objects.all())
    tags = [Tag.objects.get_or_create(name=t, defaults={"slug": t})[0] for t in TAGS]
    states = ["approved"] * 5 + ["shortlisted", "selected", "on_sale", "retired", "draft", "withdrawn"]
    now = timezone.now()
    existing = Design.objects.filter(slug__startswith="bench-").count()
    with tqdm(total=count, initial=existing, desc="Seeding designs", unit="design") as bar:
        for start in range(existing, count, 5000):
            batch = []
            for n in range(start, min(count, start + 5000)):
                title = f"{rng.choice(ADJECTIVES).title()} {rng.choice(MOTIFS)} {rng.choice(PRODUCTS)}"
                batch.append(
                    Design(
                        maker=rng.choice(makers),
                        title=title,
                        slug=f"bench-{n}",
                        description=" ".join(rng.choices(FILLER, k=14)),
                        category=rng.choice(categories),
                        rights_confirmed=True,
                        state=rng.choice(states),
                        approved_at=now - timedelta(days=rng.randint(0, 700)),
                        view_count=rng.randint(0, 5000),
                    )
                )
            with transaction.atomic():
                created = Design.objects.bulk_create(batch)
                DesignTag.objects.bulk_create(
                    [DesignTag(content_object=d, tag=t) for d in created for t in rng.sample(tags, 2)]
                )
            bar.update(len(batch))


def timed(fn, runs: int) -> list[float]:
    out = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--designs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=600)
    parser.add_argument("--skip-index", action="store_true", help="Keep the current search index.")
    parser.add_argument(
        "--print-only", action="store_true", help="Print the figures (per query too); leave RESULTS.md as it is."
    )
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL database of its own, e.g. postgres://postgres@127.0.0.1:5432/cm_bench"
        )
    os.environ["ELASTICSEARCH_URL"] = ""

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from tqdm import tqdm

    from search import indexing
    from search.api import search_catalog
    from search.forms import parse_query
    from search.models import SearchEntry

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from designs.models import Design

    if Design.objects.count() < args.designs:  # a catalogue from `seed_scale` is used as it is
        seed(args.designs)
    indexed = SearchEntry.objects.count()
    if not args.skip_index or not indexed:
        total = indexing.count_indexable()
        with tqdm(total=total, desc="Indexing", unit="item") as bar:
            started = time.perf_counter()
            indexed = indexing.rebuild_database(progress=bar.update)
            index_seconds = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")
            cursor.execute("VACUUM ANALYZE search_searchentrytag")
            cursor.execute("VACUUM ANALYZE search_searchterm")
    else:
        index_seconds = float("nan")

    def run_search(i: int) -> None:
        query, filters, sort = QUERIES[i % len(QUERIES)]
        search_catalog(parse_query(query, filters=filters, sort=sort, page=1 + (i // len(QUERIES)) % 3))

    client = Client()

    def run_suggest(i: int) -> None:
        response = client.get("/search/suggest", {"q": PREFIXES[i % len(PREFIXES)]})
        assert response.status_code == 200

    timed(run_search, len(QUERIES))  # warm-up
    timed(run_suggest, len(PREFIXES))
    search_ms = timed(run_search, args.runs)
    suggest_ms = timed(run_suggest, args.runs)
    per_query = {}
    for i, ms in enumerate(search_ms):
        per_query.setdefault(QUERIES[i % len(QUERIES)][0], []).append(ms)

    from designs.models import Design

    designs = Design.objects.count()  # seeded here, or by `manage.py seed_scale`
    figures = {
        "search p50": statistics.median(search_ms),
        "search p95": percentile(search_ms, 95),
        "suggest p50": statistics.median(suggest_ms),
        "suggest p95": percentile(suggest_ms, 95),
    }
    for name, value in figures.items():
        print(f"{name}: {value:.1f} ms")
    if args.print_only:
        for query, values in per_query.items():
            print(f"  {query}: {statistics.median(values):.1f} / {percentile(values, 95):.1f} ms")
        print(f"load average {os.getloadavg()[0]:.1f}")
        return
    write_results(designs, indexed, index_seconds, args.runs, figures, per_query)


def write_results(designs, indexed, index_seconds, runs, figures, per_query) -> None:
    import platform

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    lines = [
        "<!-- search-bench:start -->",
        "## Search (`benchmarks/search_bench.py`)",
        "",
        f"{designs:,} designs ({indexed:,} public designs, products and makers indexed"
        + (f", rebuild took {index_seconds:.0f} s" if index_seconds == index_seconds else "")
        + (", index kept from the previous run" if index_seconds != index_seconds else "")
        + f"), PostgreSQL {pg_version}, database backend, {runs} timed runs each after a warm-up,"
        f" Python {platform.python_version()}, one process on a 2-core machine shared with other work"
        f" (load average {os.getloadavg()[0]:.1f} when the timings ended).",
        "",
        "| measure | p50 | p95 | target p95 |",
        "|---|---|---|---|",
        f"| `search_catalog` (15 queries: words, typos, filters, sorts, pages 1-3) | {figures['search p50']:.1f} ms"
        f" | {figures['search p95']:.1f} ms | < 50 ms |",
        f"| `GET /search/suggest` (14 prefixes, through the view) | {figures['suggest p50']:.1f} ms"
        f" | {figures['suggest p95']:.1f} ms | < 20 ms |",
        "",
        "Per query (p50 / p95, ms):",
        "",
        "| query | p50 | p95 |",
        "|---|---|---|",
        *[f"| `{q}` | {statistics.median(v):.1f} | {percentile(v, 95):.1f} |" for q, v in per_query.items()],
        "<!-- search-bench:end -->",
    ]
    path = Path(__file__).resolve().parent / "RESULTS.md"
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    section = "\n".join(lines)
    if "<!-- search-bench:start -->" in text:
        head, rest = text.split("<!-- search-bench:start -->", 1)
        tail = rest.split("<!-- search-bench:end -->", 1)[1]
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)
    print(f"Written to {path}")


if __name__ == "__main__":
    main()
