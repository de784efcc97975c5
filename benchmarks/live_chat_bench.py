"""Live chat at show scale: 500 viewers on websockets, chat messages posted through the site, delivery timed.

Everything is the production path, nothing simulated: daphne serving `config.asgi:application`
(DEBUG off), the Redis channel layer (channels-redis), PostgreSQL, and the chat form POST that a
member's browser sends. The viewers are real websocket clients (aiohttp), spread over several client
processes (`--clients`) so that the client is not the bottleneck; a viewer only looks for the message's
sequence number in the frame's text (no JSON decode). Times are `time.monotonic()`, which on Linux is
the system-wide CLOCK_MONOTONIC, so a send stamped in the writer process and a receipt stamped in a
viewer process compare directly. Also recorded: the CPU seconds that daphne and the client processes
used during the measured phases (from /proc), and the load average, so a slow figure can be told apart
from a starved machine.

Uses its own database and Redis database, never the development ones:

    createdb -h 127.0.0.1 -U postgres cm_bench_live   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cm_bench_live REDIS_URL=redis://127.0.0.1:6379/15 \\
        .venv/bin/python benchmarks/live_chat_bench.py --viewers 500 --write

Phases: "steady" posts messages at a fixed rate (a busy chat); "burst" posts as fast as a few
writers can (a rush). Reported per phase: delivery latency p50/p95/p99/max (POST sent -> frame
received, so it includes the request, the database write, Redis and the client's own event loop),
deliveries per second and messages lost. Also the daphne process's memory per connected viewer.
Each run is kept in `benchmarks/live_chat_runs.json` (keyed by viewers, processes and layer) and
`--write` renders all kept runs into `benchmarks/RESULTS.md`.
Target (issue 18): every viewer has a message within two seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

SLUG = "bench-live-drop"
PASSWORD = "bench-password-not-secret-1234"  # noqa: S105 (a throwaway benchmark account)
WRITER_EMAIL = "bench-writer-{n}@example.org"
SECRET = "bench-" + "x" * 60
MARK = re.compile(r"bench-msg-(\d+)-")
START, END = "<!-- live-chat-bench:start -->", "<!-- live-chat-bench:end -->"


def setup_data(writers: int) -> None:
    """Migrate, then (re)create the host, the writers and one live drop; idempotent."""
    from allauth.account.models import EmailAddress
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import Profile, User
    from live.models import ChatMessage, LiveShow, ShowStatus

    call_command("migrate", verbosity=0, interactive=False)
    host, _ = User.objects.get_or_create(email="bench-host@example.org", defaults={"handle": "bench-host"})
    Profile.objects.update_or_create(user=host, defaults={"is_maker": True})
    for n in range(writers):
        user, _ = User.objects.get_or_create(email=WRITER_EMAIL.format(n=n), defaults={"handle": f"bench-writer-{n}"})
        user.set_password(PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    now = timezone.now()
    show, _ = LiveShow.objects.update_or_create(
        slug=SLUG,
        defaults={
            "host": host,
            "title": "Benchmark drop",
            "starts_at": now - timezone.timedelta(minutes=5),
            "ends_at": now + timezone.timedelta(hours=6),
            "status": ShowStatus.LIVE,
            "started_at": now,
            "slow_mode_seconds": 0,
        },
    )
    ChatMessage.objects.filter(show=show).delete()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def start_daphne(port: int, env: dict, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"]
    with open(log, "wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


async def wait_answering(url: str, timeout: float = 120) -> None:
    import aiohttp

    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            try:
                async with session.get(url + "/live/", timeout=aiohttp.ClientTimeout(total=5)) as answer:
                    if answer.status == 200:
                        return
            except (aiohttp.ClientError, TimeoutError):
                pass
            await asyncio.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


async def login(session, url: str, email: str) -> None:
    async with session.get(url + "/accounts/login/") as page:
        html = await page.text()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    headers = {"Referer": url + "/accounts/login/"}
    async with session.post(url + "/accounts/login/", data=data, headers=headers, allow_redirects=False) as answer:
        if answer.status != 302:
            raise SystemExit(f"login of {email} failed: {answer.status}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _viewers_main(conn, urls: list[str], count: int, offset: int, origin: str) -> None:
    """One client process: `count` viewers; receipts stamped with the system-wide monotonic clock."""
    import aiohttp

    received: list[tuple[int, float]] = []
    sockets = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_reader(conn.fileno(), stop.set)
    started = time.monotonic()
    gate = asyncio.Semaphore(25)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

        async def one(i: int):
            async with gate:
                ws = await session.ws_connect(
                    urls[i % len(urls)].replace("http://", "ws://") + f"/ws/live/{SLUG}/",
                    headers={"Origin": origin},
                    heartbeat=None,
                    max_msg_size=0,
                )
                hello = json.loads((await ws.receive(timeout=60)).data)
                assert hello["type"] == "hello", hello
                sockets.append(ws)

        await asyncio.gather(*(one(offset + i) for i in range(count)))
        connect_seconds = time.monotonic() - started

        async def listen(ws) -> None:
            async for message in ws:
                now = time.monotonic()
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                # A frame carries one event or a batch of them; only the sequence numbers matter here.
                for found in MARK.finditer(message.data):
                    received.append((int(found.group(1)), now))

        tasks = [asyncio.create_task(listen(ws)) for ws in sockets]
        conn.send(("ready", connect_seconds))
        await stop.wait()
        conn.recv()
        cpu = time.process_time()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    conn.send(("done", received, cpu))


def viewers_process(conn, urls: list[str], count: int, offset: int, origin: str) -> None:
    asyncio.run(_viewers_main(conn, urls, count, offset, origin))


class Viewers:
    """The viewers, in `clients` processes of their own; the writers stay in the main process."""

    def __init__(self, clients: int):
        self.clients = clients
        self.sent: dict[int, float] = {}
        self.received: dict[int, list[float]] = {}
        self.processes: list = []
        self.pipes: list = []
        self.cpu = 0.0

    def connect(self, urls: list[str], count: int, origin: str) -> float:
        context = multiprocessing.get_context("spawn")
        started = time.monotonic()
        share, extra = divmod(count, self.clients)
        offset = 0
        for n in range(self.clients):
            size = share + (1 if n < extra else 0)
            ours, theirs = context.Pipe()
            process = context.Process(target=viewers_process, args=(theirs, urls, size, offset, origin), daemon=True)
            process.start()
            self.processes.append(process)
            self.pipes.append(ours)
            offset += size
        for pipe in self.pipes:
            kind, _seconds = pipe.recv()
            assert kind == "ready"
        return time.monotonic() - started

    def client_cpu(self) -> float:
        return sum(cpu_seconds(p.pid) for p in self.processes)

    def close(self) -> None:
        for pipe in self.pipes:
            pipe.send("stop")
        for pipe in self.pipes:
            kind, received, _cpu = pipe.recv()
            for seq, at in received:
                self.received.setdefault(seq, []).append(at)
        for process in self.processes:
            process.join(timeout=30)


async def post_message(session, url: str, seq: int, viewers: Viewers) -> int:
    headers = {"Referer": f"{url}/live/{SLUG}/", "Accept": "application/json"}
    token = next((c.value for c in session.cookie_jar if c.key == "csrftoken"), "")
    data = {"text": f"bench-msg-{seq}- hello from the benchmark", "csrfmiddlewaretoken": token}
    viewers.sent[seq] = time.monotonic()
    async with session.post(f"{url}/live/{SLUG}/chat/", data=data, headers=headers) as answer:
        await answer.read()
        return answer.status


def summarise(viewers: Viewers, seqs: list[int], expected_per_message: int) -> dict:
    latencies, first, last = [], None, None
    delivered = 0
    for seq in seqs:
        times = viewers.received.get(seq, [])
        delivered += len(times)
        sent = viewers.sent[seq]
        latencies.extend(t - sent for t in times)
        if times:
            first = min(first or sent, sent)
            last = max(last or max(times), max(times))
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else float("nan")

    span = (last - first) if first is not None and last is not None else float("nan")
    within_2s = sum(1 for x in latencies if x <= 2.0)
    return {
        "messages": len(seqs),
        "deliveries": delivered,
        "expected": len(seqs) * expected_per_message,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "max": latencies[-1] * 1000 if latencies else float("nan"),
        "mean": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
        "per_second": delivered / span if span and span == span else float("nan"),
        "posted_per_second": len(seqs) / span if span and span == span else float("nan"),
        "within_2s": within_2s / (len(seqs) * expected_per_message) if seqs else 0,
    }


async def run(args, urls: list[str], pids: list[int]) -> dict:
    import aiohttp

    result: dict = {}
    writers = []
    for n in range(args.writers):
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        await login(session, urls[0], WRITER_EMAIL.format(n=n))
        writers.append(session)
    rss_before = [rss_kb(pid) for pid in pids]
    viewers = Viewers(args.clients)
    result["connect_seconds"] = viewers.connect(urls, args.viewers, urls[0])
    await asyncio.sleep(2)
    rss_after = [rss_kb(pid) for pid in pids]
    result["rss_before_kb"], result["rss_after_kb"] = sum(rss_before), sum(rss_after)
    result["kb_per_viewer"] = (sum(rss_after) - sum(rss_before)) / args.viewers
    print(f"{args.viewers} viewers connected in {result['connect_seconds']:.1f} s", flush=True)

    # Warm-up: a few messages not counted (first queries, template cache, Redis scripts).
    seq = 0
    for _ in range(3):
        await post_message(writers[0], urls[0], seq, viewers)
        seq += 1
        await asyncio.sleep(0.3)
    await asyncio.sleep(2)

    server_cpu0, client_cpu0, writer_cpu0 = sum(map(cpu_seconds, pids)), viewers.client_cpu(), time.process_time()
    wall0, load0 = time.monotonic(), os.getloadavg()[0]
    statuses: list[int] = []
    steady = []
    interval = 1 / args.rate
    begin = time.monotonic()
    pending = []
    for i in range(args.messages):
        target = begin + i * interval
        await asyncio.sleep(max(0, target - time.monotonic()))
        steady.append(seq)
        pending.append(asyncio.create_task(post_message(writers[i % len(writers)], urls[0], seq, viewers)))
        seq += 1
    statuses += await asyncio.gather(*pending)
    await asyncio.sleep(args.settle)

    burst = list(range(seq, seq + args.burst))
    queue = list(burst)

    async def writer_loop(session):
        while queue:
            n = queue.pop(0)
            statuses.append(await post_message(session, urls[0], n, viewers))

    await asyncio.gather(*(writer_loop(s) for s in writers))
    await asyncio.sleep(args.settle)
    wall = time.monotonic() - wall0
    result["cpu"] = {
        "wall_seconds": wall,
        "server_seconds": sum(map(cpu_seconds, pids)) - server_cpu0,
        "viewer_clients_seconds": viewers.client_cpu() - client_cpu0,
        "writer_seconds": time.process_time() - writer_cpu0,
        "load_start": load0,
        "load_end": os.getloadavg()[0],
    }
    viewers.close()
    for session in writers:
        await session.close()
    # Counted at the end: a message that arrived late is late, not lost; "lost" never arrived at all.
    result["steady"] = summarise(viewers, steady, args.viewers)
    result["burst"] = summarise(viewers, burst, args.viewers)
    print("steady", result["steady"], "\nburst", result["burst"], "\ncpu", result["cpu"], flush=True)
    result["failed_posts"] = sum(1 for s in statuses if s not in (200, 302))
    return result


def machine() -> dict:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    import redis
    from django.conf import settings

    info = redis.Redis.from_url(settings.LIVE_REDIS_URL).info("server")
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgres": pg,
        "redis": info.get("redis_version", "?"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load": os.getloadavg(),
    }


LAYER_NAMES = {
    "pubsub": "pub/sub layer",
    "core": "queue layer (`core`)",
}
RUNS = ROOT / "benchmarks" / "live_chat_runs.json"
HEADER = (
    "| viewers | daphne processes | layer | phase | messages | posted / s | deliveries | lost | p50 ms | p95 ms "
    "| p99 ms | max ms | within 2 s | CPU s: daphne / viewer clients | load avg (start → end) |\n"
    "|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
)


def keep_run(args, results: dict, info: dict) -> dict:
    """Add this run to benchmarks/live_chat_runs.json (replacing an earlier run of the same shape)."""
    import channels
    import channels_redis
    import daphne

    runs = json.loads(RUNS.read_text()) if RUNS.exists() else {}
    for layer, result in results.items():
        key = f"{args.viewers}/{args.processes}/{layer}" + (f"/{args.variant}" if args.variant else "")
        runs[key] = {
            "variant": args.variant,
            "viewers": args.viewers,
            "processes": args.processes,
            "clients": args.clients,
            "layer": layer,
            "rate": args.rate,
            "writers": args.writers,
            "batch_ms": int(os.environ.get("LIVE_PUSH_BATCH_MS", "50")),
            "result": result,
            "machine": info,
            "versions": {
                "daphne": daphne.__version__,
                "channels": channels.__version__,
                "channels_redis": channels_redis.__version__,
            },
        }
    RUNS.write_text(json.dumps(runs, indent=1, sort_keys=True, default=str) + "\n")
    return runs


def layer_name(run: dict) -> str:
    name = LAYER_NAMES.get(run["layer"], run["layer"])
    return f"{name}, {run['variant']}" if run.get("variant") else name


def write_results(runs: dict) -> None:
    def row(run: dict, phase: str) -> str:
        r, cpu = run["result"][phase], run["result"]["cpu"]
        lost = r["expected"] - r["deliveries"]
        what = f"steady, {run['rate']:g} message/s" if phase == "steady" else f"burst, {run['writers']} writers"
        return (
            f"| {run['viewers']} | {run['processes']} | {layer_name(run)} | {what} "
            f"| {r['messages']} | {r['posted_per_second']:.1f} | {r['deliveries']:,} | {lost} | {r['p50']:.0f} "
            f"| {r['p95']:.0f} | {r['p99']:.0f} | {r['max']:.0f} | {r['within_2s'] * 100:.1f} % "
            f"| {cpu['server_seconds']:.1f} / {cpu['viewer_clients_seconds']:.1f} in {cpu['wall_seconds']:.0f} s "
            f"| {cpu['load_start']:.1f} → {cpu['load_end']:.1f} |"
        )

    ordered = sorted(
        runs.values(), key=lambda run: (bool(run.get("variant")), run["layer"], run["processes"], run["viewers"])
    )
    rows = "\n".join(row(run, phase) for run in ordered for phase in ("steady", "burst"))
    memory = "\n".join(
        f"- {run['viewers']} viewers, {run['processes']} process(es), {layer_name(run)}: connected in "
        f"{run['result']['connect_seconds']:.1f} s; daphne's resident memory "
        f"{run['result']['rss_before_kb'] / 1024:.0f} MB -> {run['result']['rss_after_kb'] / 1024:.0f} MB, about "
        f"{run['result']['kb_per_viewer']:.0f} KB per viewer; failed POSTs: {run['result']['failed_posts']}."
        for run in ordered
    )
    last = next(run for run in reversed(ordered) if not run.get("variant"))
    info, versions = last["machine"], last["versions"]
    text = f"""{START}
## Live chat (`benchmarks/live_chat_bench.py`)

One live drop, websocket viewers spread over {last["clients"]} client processes (aiohttp), 4 writers posting through
the chat form; daphne {versions["daphne"]}, channels {versions["channels"]},
channels-redis {versions["channels_redis"]}, Redis {info["redis"]}, PostgreSQL {info["postgres"]},
Python {info["python"]}, Django {info["django"]}, DEBUG off,
events batched within {last["batch_ms"]} ms (`LIVE_PUSH_BATCH_MS`).
Machine: {info["cpu"]}, {info["cores"]} cores shared with other work: the load average is in each row.
Each message is a real chat POST by a verified member (session, CSRF, sanitizer, rate limit in Redis, row in
PostgreSQL), pushed to the drop's group. Latency = POST sent -> websocket frame read by the viewer, both
stamped with the system-wide monotonic clock. "CPU s" = CPU seconds used during the measured phases (wall
time after "in") by the daphne process(es) and by the viewer client processes.

{HEADER}
{rows}

{memory}
{END}"""
    path = ROOT / "benchmarks" / "RESULTS.md"
    current = path.read_text()
    if START in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        current = before + text + after
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(current)
    print(f"written to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--viewers", type=int, default=500)
    parser.add_argument("--messages", type=int, default=40, help="messages in the steady phase")
    parser.add_argument("--rate", type=float, default=1.0, help="messages per second in the steady phase")
    parser.add_argument("--burst", type=int, default=60, help="messages in the burst phase")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=4, help="client processes the viewers are spread over")
    parser.add_argument("--port", type=int, default=8161, help="first port for daphne (one per process)")
    parser.add_argument("--processes", type=int, default=1, help="daphne processes sharing the Redis layer")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds to wait for the last deliveries")
    parser.add_argument(
        "--layers", default="pubsub", help="channel layers to measure, in turn (LIVE_CHANNEL_LAYER values)"
    )
    parser.add_argument(
        "--variant", default="", help="a label for a run of other server code (kept beside, not instead of, the others)"
    )
    parser.add_argument("--write", action="store_true", help="write the figures to benchmarks/RESULTS.md")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("LIVE_REDIS_URL") or os.environ.get("REDIS_URL", "")
    if not database_url.startswith("postgres") or not redis_url:
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL (the Redis channel layer); see the docstring.")

    import django

    django.setup()
    setup_data(args.writers)
    info_db = machine

    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG",)}
    env.update(
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY", SECRET),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        LOG_LEVEL="WARNING",
        REDIS_URL=redis_url,
        LIVE_REDIS_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="true",
        # The writers post far more than a member may: these servers lift the chat rate limit.
        DJANGO_SETTINGS_MODULE="benchmarks.live_chat_settings",
    )
    results = {}
    logs = Path(tempfile.gettempdir())
    for layer in args.layers.split(","):
        layer_env = {**env, "LIVE_CHANNEL_LAYER": layer}
        processes, urls = [], []
        try:
            for i in range(args.processes):
                port = args.port + i
                processes.append(start_daphne(port, layer_env, logs / f"live-bench-daphne-{port}.log"))
                urls.append(f"http://127.0.0.1:{port}")
            for url in urls:
                asyncio.run(wait_answering(url))
            print(f"--- channel layer: {layer}", flush=True)
            results[layer] = asyncio.run(run(args, urls, [p.pid for p in processes]))
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
    info = info_db()
    print(json.dumps({"results": results, "machine": info}, indent=2, default=str))
    runs = keep_run(args, results, info)
    if args.write:
        write_results(runs)


if __name__ == "__main__":
    main()
