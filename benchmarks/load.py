"""Load benchmark: every main page as a share of the framework floor, measured from outside.

One command (after `manage.py seed_scale` filled a PostgreSQL database of its own):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cm_bench REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python benchmarks/load.py

It starts gunicorn as `make serve-prod` does (2 sync workers; `--threads 4` for 2 × 4 `gthread`;
DEBUG off) on a free port, warms every page up, then measures
requests/s and p50/p95/p99 at 8 concurrent connections for the floor (`/healthz/floor`: the whole
middleware stack and a constant body) and for each page, in alternating windows (floor, page,
floor, page, ...) so that both see the same machine. Each page is printed as a ratio of the floor's
throughput. Anonymous pages run twice: with the page cache on and with it off (a second gunicorn);
with the page cache off the fragment caches (core/fragcache.py: card grids, the design page's parts,
comment threads) stay on, as in production for members, unless --no-fragments turns them off too.
--pages runs only some rows (--pages "design,logged in" --no-write).
Members' requests carry real sessions of seeded members; the vote POSTs come from many members on
distinct designs, and the vote counters are checked against a recount afterwards. The table and a
description of the machine go into benchmarks/RESULTS.md.

`--pages vote` measures only the vote POSTs (next to the floor); names match the table's first
column (`--pages "home,design list"`), a page in both modes runs in both.

The load generator is this Python process (asyncio, one connection per request, `Connection: close`):
it shares the machine with the server, which lowers every figure a little, the floor most; the
ratios stay comparable between runs on the same machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
START, END = "<!-- load-bench:start -->", "<!-- load-bench:end -->"


# ---------------------------------------------------------------------------------------------------
# The HTTP client: raw sockets, no library between the clock and the server
# ---------------------------------------------------------------------------------------------------
@dataclass
class Request:
    path: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def encode(self, host: str) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}", "Connection: close"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        if self.body or self.method == "POST":
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body


async def fetch(host: str, port: int, raw: bytes) -> tuple[int, bytes, bytes]:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(raw)
        await writer.drain()
        data = await reader.read()  # Connection: close: read to the end
    finally:
        writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head else 0
    return status, head, body


@dataclass
class Window:
    count: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)


async def run_window(host: str, port: int, requests: list[bytes], seconds: float, concurrency: int) -> Window:
    window = Window()
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def worker() -> None:
        while time.perf_counter() < deadline:
            raw = requests[next(counter) % len(requests)]
            started = time.perf_counter()
            try:
                status, _head, _body = await fetch(host, port, raw)
            except OSError:
                window.errors += 1
                continue
            window.latencies.append(time.perf_counter() - started)
            window.statuses[status] = window.statuses.get(status, 0) + 1
            window.count += 1
            if status >= 400 and status != 429:
                window.errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    window.seconds = time.perf_counter() - started
    return window


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))]


@dataclass
class Measure:
    name: str
    path: str
    mode: str
    target: str
    page: Window
    floor: Window
    cpu_seconds: float = 0.0  # the server's CPU during the page windows: gunicorn workers and database backends

    @property
    def cpu_ms(self) -> float:
        """CPU milliseconds per request on the server side (gunicorn and PostgreSQL, not the client, not Redis).

        Steadier than requests/s on a machine shared with other work: it counts work, not waiting.
        """
        return 1000 * self.cpu_seconds / self.page.count if self.page.count else float("nan")

    @property
    def rps(self) -> float:
        return self.page.count / self.page.seconds if self.page.seconds else 0.0

    @property
    def floor_rps(self) -> float:
        return self.floor.count / self.floor.seconds if self.floor.seconds else 0.0

    @property
    def ratio(self) -> float:
        return self.rps / self.floor_rps if self.floor_rps else 0.0


def merge(windows: list[Window]) -> Window:
    total = Window()
    for w in windows:
        total.count += w.count
        total.errors += w.errors
        total.seconds += w.seconds
        total.latencies += w.latencies
        for k, v in w.statuses.items():
            total.statuses[k] = total.statuses.get(k, 0) + v
    return total


# ---------------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    port: int, *, workers: int, threads: int, page_cache_seconds: int, fragment_cache_seconds: int
) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=env["SECRET_KEY"],
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
        FRAGMENT_CACHE_SECONDS=str(fragment_cache_seconds),
        LOG_LEVEL="WARNING",
        ELASTICSEARCH_URL="",
    )
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("gunicorn did not start")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


# ---------------------------------------------------------------------------------------------------
# What to ask for: pages from the seeded database, members' sessions, votes to cast
# ---------------------------------------------------------------------------------------------------
def member_sessions(count: int) -> list[tuple[int, str]]:
    """Real sessions of seeded members (written like a login does), without PBKDF2 per member."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    from accounts.models import User

    store_class = import_string(settings.SESSION_ENGINE + ".SessionStore")
    members = User.objects.filter(email__startswith="scale-", is_active=True).order_by("pk")[1 : count * 50 : 50]
    sessions = []
    for user in members:
        store = store_class()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append((user.pk, store.session_key))
    if not sessions:
        raise SystemExit("No seeded members: run `manage.py seed_scale` on this database first.")
    return sessions


def pick_targets() -> dict[str, str]:
    from django.db.models import Count, OuterRef, Subquery
    from django_comments_xtd.models import XtdComment

    from designs.models import PUBLIC_STATES, Design
    from shop.models import Product

    public = Design.objects.filter(state__in=PUBLIC_STATES, moderation_removed=False, moderation_hidden=False)
    # A typical design in voting: a handful of comments (the seed's long tail gives a few designs ~1,000).
    comments = (
        XtdComment.objects.filter(object_pk=OuterRef("pk_text"))
        .order_by()
        .values("object_pk")
        .annotate(n=Count("pk"))
        .values("n")
    )
    from django.db.models import CharField
    from django.db.models.functions import Cast

    design = (
        public.filter(slug__startswith="scale-", state="approved")
        .annotate(pk_text=Cast("pk", CharField()))
        .annotate(comments=Subquery(comments[:1]))
        .filter(comments__gte=3, comments__lte=20)
        .order_by("pk")
        .first()
    )
    product = Product.objects.filter(status="on_sale").order_by("pk").first()
    maker = (
        public.values("maker__handle").annotate(n=Count("pk")).order_by("-n").values_list("maker__handle", flat=True)
    ).first()
    return {
        "design": design.get_absolute_url() if design else "/designs/",
        "product": product.get_absolute_url() if product else "/shop/",
        "storefront": f"/makers/{maker}/" if maker else "/makers/",
    }


def vote_requests(sessions: list[tuple[int, str]], count: int) -> list[bytes]:
    """Votes by many members on distinct designs in voting, none cast before."""
    from django.urls import reverse

    from designs.models import Design
    from voting.models import Vote

    open_designs = list(
        Design.objects.filter(state="approved", moderation_removed=False, voting_ends_at__gt=time_now())
        .order_by("pk")
        .values_list("pk", "slug", "maker_id")[: count * 2]
    )
    voted = set(
        Vote.objects.filter(voter_id__in=[pk for pk, _ in sessions]).values_list("voter_id", "design_id").iterator()
    )
    rng = random.Random(17)
    raws = []
    for i in range(count):
        user_id, session_key = sessions[i % len(sessions)]
        for _ in range(20):
            design_id, slug, maker_id = open_designs[rng.randrange(len(open_designs))]
            if maker_id != user_id and (user_id, design_id) not in voted:
                voted.add((user_id, design_id))
                break
        else:
            continue
        token = secrets.token_hex(16)
        body = urlencode({"score": rng.randint(0, 5), "would_buy": "on" if rng.random() < 0.4 else ""}).encode()
        raws.append(
            Request(
                reverse("voting:vote", kwargs={"slug": slug}),
                method="POST",
                headers={
                    "Cookie": f"sessionid={session_key}; csrftoken={token}",
                    "X-CSRFToken": token,
                    "Accept": "application/json",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": "http://127.0.0.1",
                    "X-Forwarded-For": f"10.{i % 200}.{i % 250}.1",
                },
                body=body,
            ).encode("127.0.0.1")
        )
    return raws


def time_now():
    from django.utils import timezone

    return timezone.now()


# ---------------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------------
PAGES = [
    # name, path (or target key), target, cached modes
    ("home", "/", "≥ 50 % cached, ≥ 10 % off"),
    ("design list", "/designs/", "≥ 50 % cached, ≥ 10 % off"),
    ("design", "@design", "≥ 50 % cached, ≥ 10 % off"),
    ("product", "@product", "≥ 50 % cached, ≥ 10 % off"),
    ("storefront", "@storefront", "—"),
    ("search `cat`", "/search/?q=cat", "p95 < 50 ms"),
    ("search `tshrit`", "/search/?q=tshrit", "p95 < 50 ms"),
    ("suggest `moun`", "/search/suggest?q=moun", "p95 < 20 ms"),
]


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def server_cpu(server: subprocess.Popen) -> float:
    """CPU seconds used so far by the gunicorn workers and by this database's other backends (Linux /proc)."""
    from django.db import connection

    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    except OSError:
        children = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        backends = [row[0] for row in cursor.fetchall()]
    return sum(_cpu_seconds(int(pid)) for pid in [*children, *backends])


def measure(host, port, name, path, mode, target, raws, args, server=None) -> Measure:
    floor = [Request("/healthz/floor").encode(host)]
    floors, pages, cpu = [], [], 0.0
    for _ in range(args.rounds):
        floors.append(asyncio.run(run_window(host, port, floor, args.window, args.concurrency)))
        before = server_cpu(server) if server else 0.0
        pages.append(asyncio.run(run_window(host, port, raws, args.window, args.concurrency)))
        cpu += (server_cpu(server) - before) if server else 0.0
    result = Measure(name, path, mode, target, merge(pages), merge(floors), cpu)
    print(
        f"{name:<24} {mode:<10} {result.rps:8.1f} req/s  p50 {percentile(result.page.latencies, 50) * 1000:7.1f} ms"
        f"  p95 {percentile(result.page.latencies, 95) * 1000:7.1f} ms  floor {result.floor_rps:7.1f} req/s"
        f"  ratio {result.ratio * 100:5.1f} %  server CPU {result.cpu_ms:5.1f} ms/request"
        f"  load {os.getloadavg()[0]:.1f}  statuses {result.page.statuses}",
        flush=True,
    )
    return result


def wanted(args, name: str) -> bool:
    """Whether `--pages` asks for this page (every page without it)."""
    return not args.pages or name in args.pages


def run_mode(mode: str, cache_seconds: int, args, targets, sessions) -> list[Measure]:
    anonymous = [(n, targets[p[1:]] if p.startswith("@") else p, t) for n, p, t in PAGES]
    anonymous = [(n, p, t) for n, p, t in anonymous if wanted(args, n)]
    if cache_seconds == 0:
        # Search and suggest are not page-cached in either mode: measured once, with the cache on.
        anonymous = [(n, p, t) for n, p, t in anonymous if not n.startswith(("search", "suggest", "storefront"))]
    member_pages = cache_seconds == 0 and wanted(args, "design, logged in")
    votes = cache_seconds == 0 and wanted(args, "vote POST")
    if not (anonymous or member_pages or votes):
        return []
    port = args.port or free_port()
    fragments = 0 if args.no_fragments else 60
    server = start_server(
        port,
        workers=args.workers,
        threads=args.threads,
        page_cache_seconds=cache_seconds,
        fragment_cache_seconds=fragments,
    )
    host = "127.0.0.1"
    results = []
    try:
        for _name, path, _t in anonymous:  # warm-up: renditions, caches, connections
            for _ in range(3):
                asyncio.run(fetch(host, port, Request(path).encode(host)))
        asyncio.run(run_window(host, port, [Request("/healthz/floor").encode(host)], 1.0, args.concurrency))
        for name, path, target in anonymous:
            results.append(measure(host, port, name, path, mode, target, [Request(path).encode(host)], args, server))
        if member_pages:
            design = targets["design"]
            raws = [Request(design, headers={"Cookie": f"sessionid={key}"}).encode(host) for _pk, key in sessions[:50]]
            results.append(measure(host, port, "design, logged in", design, mode, "≥ 10 %", raws, args, server))
        if votes:
            raws = vote_requests(sessions, args.votes)
            results.append(
                measure(host, port, "vote POST", "/votes/<slug>/", mode, "≥ 300 votes/s", raws, args, server)
            )
    finally:
        stop_server(server)
    return results


def machine() -> str:
    from django.db import connection

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PostgreSQL {pg}; load average {os.getloadavg()[0]:.1f} at the end"
    )


def catalogue() -> str:
    from django_comments_xtd.models import XtdComment

    from accounts.models import User
    from designs.models import Design
    from shop.models import Order
    from voting.models import Vote

    return (
        f"{Design.objects.count():,} designs, {User.objects.count():,} members, {Vote.objects.count():,} votes, "
        f"{XtdComment.objects.count():,} comments, {Order.objects.count():,} orders"
    )


CHART = ROOT / "benchmarks" / "load-chart.svg"
CACHE_ON = "cache on"
# The page cache is off; the fragment caches (core/fragcache.py) are on, as for members.
CACHE_OFF = "off, fragments on"
CACHE_OFF_FRAGMENTS_OFF = "off, fragments off"


def _any_cached(args) -> bool:
    return not args.pages or bool(set(args.pages) & {name for name, _p, _t in PAGES})


SHARE_TARGET_PAGES = ("home", "design list", "design", "product")
VOTES_PER_SECOND_TARGET = 300.0


def target_share(r: Measure) -> float | None:
    """The share of the floor a page must reach, or None when its target is not a share (search: p95)."""
    if r.name == "vote POST":
        return VOTES_PER_SECOND_TARGET / r.floor_rps if r.floor_rps else None
    if r.name == "design, logged in":
        return 0.10
    if r.name in SHARE_TARGET_PAGES:
        return 0.50 if r.mode == CACHE_ON else 0.10
    return None


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def chart_svg(results: list[Measure], subtitle: str) -> str:
    """Each page's share of the floor (bar, log scale) against its target (black mark): a self-contained SVG."""
    import math

    left, bar_width, row, top = 250, 560, 24, 64
    lo, hi = 0.005, 2.0
    for r in results:
        hi = max(hi, r.ratio * 1.2, (target_share(r) or 0) * 1.2)

    def x(share: float) -> float:
        share = min(max(share, lo), hi)
        return left + bar_width * (math.log10(share) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    height = top + row * len(results) + 56
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + bar_width + 90}" height="{height}" '
        f'viewBox="0 0 {left + bar_width + 90} {height}" font-family="system-ui, sans-serif" font-size="12" '
        'role="img" aria-labelledby="chart-title">',
        '<title id="chart-title">Share of the framework floor per page, against its target</title>',
        '<rect width="100%" height="100%" fill="#fff"/>',
        '<text x="12" y="22" font-size="15" font-weight="600">Share of the floor\'s throughput per page '
        "(log scale)</text>",
        f'<text x="12" y="42" fill="#555">{_esc(subtitle)}</text>',
    ]
    ticks = [t for t in (0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 3.0, 5.0) if lo <= t <= hi]
    bottom = top + row * len(results)
    for t in ticks:
        tx = x(t)
        out.append(f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{bottom}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{tx:.1f}" y="{bottom + 16}" text-anchor="middle" fill="#555">{t * 100:g} %</text>')
    for i, r in enumerate(results):
        y = top + i * row
        target = target_share(r)
        met = None if target is None else r.ratio >= target
        colour = {None: "#8a8f98", True: "#2e7d32", False: "#c62828"}[met]
        label = f"{r.name} ({r.mode})"
        out.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{_esc(label)}</text>')
        out.append(
            f'<rect x="{left}" y="{y + 4}" width="{max(1.0, x(r.ratio) - left):.1f}" height="{row - 8}" '
            f'fill="{colour}"><title>{_esc(label)}: {r.ratio * 100:.1f} % of the floor</title></rect>'
        )
        value = f"{r.ratio * 100:.1f} %"
        if r.name == "vote POST":
            value += f" ({r.rps:.0f} votes/s)"
        out.append(f'<text x="{x(r.ratio) + 4:.1f}" y="{y + 15}" fill="#222">{_esc(value)}</text>')
        if target is not None:
            tx = x(target)
            out.append(
                f'<line x1="{tx:.1f}" y1="{y + 1}" x2="{tx:.1f}" y2="{y + row - 1}" stroke="#000" stroke-width="2.5">'
                f"<title>target {target * 100:.1f} %</title></line>"
            )
    legend_y = bottom + 36
    out += [
        f'<rect x="12" y="{legend_y - 10}" width="12" height="12" fill="#2e7d32"/>',
        f'<text x="30" y="{legend_y}">target met</text>',
        f'<rect x="112" y="{legend_y - 10}" width="12" height="12" fill="#c62828"/>',
        f'<text x="130" y="{legend_y}">target missed</text>',
        f'<rect x="232" y="{legend_y - 10}" width="12" height="12" fill="#8a8f98"/>',
        f'<text x="250" y="{legend_y}">target is a latency (search, suggest) or none</text>',
        f'<line x1="560" y1="{legend_y - 11}" x2="560" y2="{legend_y + 2}" stroke="#000" stroke-width="2.5"/>',
        f'<text x="568" y="{legend_y}">target (votes: 300/s as a share of that floor)</text>',
        "</svg>",
    ]
    return "\n".join(out) + "\n"


def server_shape(args) -> str:
    if args.threads > 1:
        return f"{args.workers} workers × {args.threads} threads (gthread)"
    return f"{args.workers} sync workers"


def write_results(results: list[Measure], args, votes_check: str, seconds: float) -> None:
    lines = [
        START,
        "## Load (`benchmarks/load.py`)",
        "",
        f"Catalogue: {catalogue()}. Server: gunicorn, {server_shape(args)}, DEBUG off, "
        f"{'Redis cache' if os.environ.get('REDIS_URL') else 'local-memory cache'}. Client: {args.concurrency} "
        f"concurrent connections, {args.rounds} × {args.window:.0f} s windows per page, each next to a floor window "
        f"(`/healthz/floor`). Machine: {machine()}. Run took {seconds / 60:.1f} min.",
        "",
        "| page | path | page cache | req/s | p50 ms | p95 ms | p99 ms | server CPU ms | floor req/s | share of floor "
        "| target |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lat = r.page.latencies
        lines.append(
            f"| {r.name} | `{r.path}` | {r.mode} | {r.rps:.1f} | {percentile(lat, 50) * 1000:.1f} | "
            f"{percentile(lat, 95) * 1000:.1f} | {percentile(lat, 99) * 1000:.1f} | {r.cpu_ms:.1f} | "
            f"{r.floor_rps:.1f} | {r.ratio * 100:.1f} % | {r.target} |"
        )
    subtitle = (
        f"benchmarks/load.py, {time.strftime('%Y-%m-%d')}, gunicorn {server_shape(args)}, "
        f"{args.concurrency} connections, load average {os.getloadavg()[0]:.1f}"
    )
    CHART.write_text(chart_svg(results, subtitle))
    lines += [
        "",
        "Server CPU: CPU milliseconds per request of the gunicorn workers and the database's backends during the "
        "page's windows (`/proc`; not the client, not Redis).",
        "",
        f"Vote counters after the run: {votes_check}",
        "",
        f"![Share of the floor per page against its target]({CHART.name})",
        "",
        f"Chart: [`benchmarks/{CHART.name}`]({CHART.name}) (each page's share of the floor, log scale; "
        "black mark: the target).",
        END,
    ]
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    section = "\n".join(lines)
    if START in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        head, sep, tail = text.partition("\n")
        text = head + sep + "\n" + section + "\n" + tail
    RESULTS.write_text(text)
    print(f"Written to {RESULTS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="Port for gunicorn (default: a free one; never 8000).")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=1, help="Threads per worker (1: sync workers, the default; more: gthread)."
    )
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--window", type=float, default=3.0, help="Seconds per measuring window.")
    parser.add_argument("--rounds", type=int, default=2, help="Floor/page window pairs per page.")
    parser.add_argument("--members", type=int, default=300, help="Seeded members whose sessions are used.")
    parser.add_argument("--votes", type=int, default=6000, help="Vote POSTs prepared (distinct member and design).")
    parser.add_argument(
        "--pages",
        default="",
        help='Only these rows, comma-separated names from the table ("vote POST" or "vote", "home", ...); '
        "the floor is measured next to each. Default: every page.",
    )
    parser.add_argument("--no-write", action="store_true", help="Print only; leave RESULTS.md alone.")
    parser.add_argument(
        "--no-fragments",
        action="store_true",
        help="With the page cache off, turn the fragment caches off too (FRAGMENT_CACHE_SECONDS=0).",
    )
    args = parser.parse_args()
    known = {name for name, _p, _t in PAGES} | {"design, logged in", "vote POST"}
    aliases = {"vote": "vote POST", "votes": "vote POST", "logged in": "design, logged in"}
    args.pages = {aliases.get(p.strip(), p.strip()) for p in args.pages.split(",") if p.strip()}
    if args.pages - known:
        sys.exit(f"Unknown --pages {sorted(args.pages - known)}; known: {sorted(known)}")
    if args.pages and not args.no_write:
        sys.exit("--pages measures part of the table: add --no-write (RESULTS.md holds full runs only).")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own, seeded with `manage.py seed_scale`.")

    # The server and this process sign sessions with the same key.
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    import django

    django.setup()
    from voting.services import votes_recount

    started = time.perf_counter()
    targets = pick_targets()
    sessions = member_sessions(args.members)
    results = run_mode(CACHE_ON, 60, args, targets, sessions) if _any_cached(args) else []
    results += run_mode(CACHE_OFF_FRAGMENTS_OFF if args.no_fragments else CACHE_OFF, 0, args, targets, sessions)
    drifts = votes_recount(fix=False, log=False)
    votes_check = "exact (recount found no drift)" if not drifts else f"{len(drifts)} designs drifted: {drifts[:5]}"
    print("Vote counters:", votes_check)
    if not args.no_write:
        write_results(results, args, votes_check, time.perf_counter() - started)


if __name__ == "__main__":
    main()
