"""Real processes for fault and deployment tests: the site in gunicorn, a throwaway Redis.

The site runs with the production settings module (config.settings) in its own process, on
a free port, against the test database: PostgreSQL's test database itself (data committed by
a transactional test is visible to it), or a file copy of SQLite's in-memory test database.
Nothing here patches a client: a fault is a closed port or a killed server.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
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
    """The site in a real gunicorn process on a free port; stopped (and its log shown) at the end."""
    port = free_port()
    folder = Path(tmp_path or tempfile.mkdtemp())
    log = folder / f"gunicorn-{port}.log"
    command = [
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
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    site = Site(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_answering(site)
        yield site
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_answering(site: Site, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if site.process.poll() is not None:
            raise AssertionError(f"the site did not start:\n{site.logs()[-4000:]}")
        try:
            requests.get(site.url + "/healthz", timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise AssertionError(f"the site did not answer within {timeout}s:\n{site.logs()[-4000:]}")


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
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.1)
        self.kill()
        raise AssertionError("redis-server did not start")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


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
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(self.url, timeout=2)
                return
            except requests.RequestException:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.kill()
                    raise AssertionError("moto's server did not start") from None
                time.sleep(0.3)

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
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
