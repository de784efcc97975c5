"""The site in a real daphne process (HTTP and websockets), and a websocket viewer for the tests."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import aiohttp

from tests.security import live


@contextmanager
def daphne(env: dict, *, tmp_path: Path):
    port = live.free_port()
    log = tmp_path / f"daphne-{port}.log"
    command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=live.ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    site = live.Site(f"http://127.0.0.1:{port}", process, log)
    try:
        live._wait_until_answering(site)
        yield site
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def ws_url(site: live.Site, slug: str) -> str:
    return site.url.replace("http://", "ws://") + f"/ws/live/{slug}/"


async def _receive_until(ws, predicate, timeout: float) -> tuple[dict | None, float]:
    started = time.monotonic()
    deadline = started + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            message = await ws.receive(timeout=left)
        except TimeoutError:
            break
        if message.type != aiohttp.WSMsgType.TEXT:
            break
        event = json.loads(message.data)
        if predicate(event):
            return event, time.monotonic() - started
    return None, time.monotonic() - started


def watch_while(site_url_ws: str, origin: str, action, predicate, *, timeout: float = 5.0) -> tuple[dict | None, float]:
    """Open a viewer's websocket, run `action` (a blocking call, e.g. a POST) and wait for the matching event."""

    async def run():
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(site_url_ws, headers={"Origin": origin}, timeout=10) as ws,
        ):
            hello = json.loads((await ws.receive(timeout=10)).data)
            assert hello["type"] == "hello", hello
            loop = asyncio.get_running_loop()
            sent = time.monotonic()
            await loop.run_in_executor(None, action)
            event, _waited = await _receive_until(ws, predicate, timeout)
            return event, time.monotonic() - sent

    # In a thread of its own: a browser test earlier in the run may leave an event loop running in
    # this thread, and asyncio.run() refuses to start inside one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result()
