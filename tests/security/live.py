"""Real servers for the tests: the site in gunicorn or daphne, a throwaway Redis, moto's S3, a small
HTTP stand-in in a thread; and asyncio.run in a thread of its own. One starter waits for each
(`wait_until`) and one stops it (`stop`).

The site runs with the production settings module (config.settings) in its own process, on
a free port, against the test database: PostgreSQL's test database itself (data committed by
a transactional test is visible to it), or a file copy of SQLite's in-memory test database.
Nothing here patches a client: a fault is a closed port or a killed server.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x" * 20 + "-fault-test-secret-with-enough-entropy-0123456789abcdef"
# The variables a test may not inherit from the shell that started pytest.
_SCRUB = {
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "ELASTICSEARCH_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "AWS_STORAGE_BUCKET_NAME",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port() -> int:
    """A port nothing listens on: bound once to find it, then released."""
    return free_port()


def database_url_for_subprocess(tmp_path: Path) -> str:
    """A URL another process can open that holds what this test committed so far.

    PostgreSQL: the test database itself. SQLite's test database lives in memory, so it is
    copied into a file with SQLite's backup API (the server then writes to the copy).
    """
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = quote(settings.get("USER") or "", safe="")
        password = quote(settings.get("PASSWORD") or "", safe="")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings.get("HOST") or "127.0.0.1"
        port = settings.get("PORT") or 5432
        return f"postgres://{auth}{host}:{port}/{settings['NAME']}"
    target = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    return f"sqlite:///{target}"


def production_env(*, database_url: str, media_root: Path, static_root: Path | None = None, **extra: str) -> dict:
    """The environment of a production process on plain HTTP on this machine."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        # Plain HTTP on the loopback: the TLS-only cookies and redirects would stop a client here.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        LOG_LEVEL="WARNING",
    )
    if static_root is not None:
        env["STATIC_ROOT"] = str(static_root)
    env.update(extra)
    return env


class Site:
    def __init__(self, url: str, process: subprocess.Popen, log: Path):
        self.url = url
        self.process = process
        self.log = log

    def get(self, path: str, session: requests.Session | None = None, **kwargs) -> requests.Response:
        return (session or requests).get(self.url + path, timeout=30, allow_redirects=False, **kwargs)

    def logs(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def login(self, email: str, password: str) -> requests.Session:
        session = requests.Session()
        page = self.get("/accounts/login/", session)
        assert page.status_code == 200, page.status_code
        answer = session.post(
            self.url + "/accounts/login/",
            data={"login": email, "password": password, "csrfmiddlewaretoken": csrf_token(page.text)},
            headers={"Referer": self.url + "/accounts/login/"},
            timeout=30,
            allow_redirects=False,
        )
        assert answer.status_code == 302, (answer.status_code, answer.text[:2000])
        return session

    def post(self, path: str, session: requests.Session, data: dict, **kwargs) -> requests.Response:
        """One POST with the session's cookies on a connection of its own.

        Requests from several threads may share a member's session; a shared keep-alive
        connection that the server closes between two of them would be reset mid-request.
        """
        data = {"csrfmiddlewaretoken": session.cookies.get("csrftoken", ""), **data}
        headers = {"Referer": self.url + path, "Connection": "close", **kwargs.pop("headers", {})}
        return requests.post(
            self.url + path,
            data=data,
            headers=headers,
            cookies=session.cookies,
            timeout=60,
            allow_redirects=False,
            **kwargs,
        )


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


@contextmanager
def gunicorn(env: dict, *, workers: int = 1, threads: int = 4, tmp_path: Path | None = None):
    """The site (WSGI) in a real gunicorn process on a free port; stopped at the end."""

    def command(port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "120",
            "--graceful-timeout",
            "5",
        ]

    with _site_process("gunicorn", command, env, tmp_path) as site:
        yield site


@contextmanager
def daphne(env: dict, *, tmp_path: Path | None = None):
    """The site (ASGI: pages and the live drops' websockets) in a real daphne process on a free port."""

    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"]

    with _site_process("daphne", command, env, tmp_path) as site:
        yield site


@contextmanager
def _site_process(name: str, command, env: dict, tmp_path: Path | None):
    port = free_port()
    log = Path(tmp_path or tempfile.mkdtemp()) / f"{name}-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(command(port), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    site = Site(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until(lambda: _answers(site.url + "/healthz"), process=process, timeout=120, what=name, log=site.logs)
        yield site
    finally:
        stop(process)


def _answers(url: str, **kwargs) -> bool:
    try:
        requests.get(url, timeout=5, **kwargs)
    except requests.RequestException:
        return False
    return True


def wait_until(
    ready: Callable[[], bool],
    *,
    process: subprocess.Popen,
    timeout: float,
    what: str,
    log: Callable[[], str] = lambda: "",
    pause: float = 0.1,
) -> None:
    """Poll `ready` until it says yes; a process that exits or a timeout stops it (killed) with its log."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            why = "did not start" if process.poll() is not None else f"did not answer within {timeout}s"
            stop(process, grace=0)
            raise AssertionError(f"{what} {why}:\n{log()[-4000:]}")
        time.sleep(pause)


def stop(process: subprocess.Popen, *, grace: float = 20) -> None:
    """Terminate (or, with no grace, kill) a server process and wait for it."""
    if process.poll() is not None:
        return
    if grace:
        process.terminate()
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            pass
    process.kill()
    process.wait(timeout=10)


def in_own_thread(coroutine):
    """asyncio.run in a thread of its own, its result returned: a browser test earlier in the run may
    leave an event loop running in this thread, and asyncio.run() refuses to start inside one."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@contextmanager
def http_server(handler: type[BaseHTTPRequestHandler]):
    """A small HTTP server (a stand-in for a remote service) in a thread of this process, on a free port;
    yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class RedisServer:
    """A throwaway redis-server on a free port: this test's own, so it may kill it."""

    def __init__(self, folder: Path, *, port: int | None = None):
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._pong, process=self.process, timeout=20, what="redis-server")

    def _pong(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        stop(self.process, grace=0)


def redis_server_available() -> bool:
    return shutil.which("redis-server") is not None


def query(database_url: str, sql: str, params: list) -> list[tuple]:
    """Read what the site process wrote, from outside it ("%s" placeholders on both databases)."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=30) as db:
            return [tuple(row) for row in db.execute(sql.replace("%s", "?"), params).fetchall()]
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as db:
        return [tuple(row) for row in db.execute(sql, params).fetchall()]


def production_password(user, password: str) -> None:
    """The test settings hash with MD5, which the production settings refuse: store a PBKDF2 hash."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    user.password = PBKDF2PasswordHasher().encode(password, "saltsaltsalt", iterations=1000)
    user.save(update_fields=["password"])


class MotoServer:
    """moto's server mode (moto[server]): an S3 imitation over real HTTP on a free port, this test's own."""

    BUCKET = "commonmade-media"
    REGION = "eu-central-1"

    def __init__(self):
        self.url = f"http://127.0.0.1:{free_port()}"
        port = self.url.rsplit(":", 1)[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", port],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: _answers(self.url), process=self.process, timeout=60, what="moto's server", pause=0.3)

    def use_private_bucket(self, settings):
        """Create the media bucket and make it the site's default storage; returns a boto3 S3 client."""
        import boto3

        keys = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": self.REGION}
        s3 = boto3.client("s3", endpoint_url=self.url, **keys)
        s3.create_bucket(Bucket=self.BUCKET, CreateBucketConfiguration={"LocationConstraint": self.REGION})
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "core.storage.PrivateMediaStorage",
                "OPTIONS": {
                    "bucket_name": self.BUCKET,
                    "endpoint_url": self.url,
                    "region_name": self.REGION,
                    "access_key": "testing",
                    "secret_key": "testing",
                    "signature_version": "s3v4",
                },
            },
        }
        return s3

    def kill(self) -> None:
        stop(self.process, grace=0)
