"""A live drop's viewer for the tests: a real websocket (aiohttp) to the site in a daphne process
(tests/security/live.py `daphne`), kept open while another client acts."""

from __future__ import annotations

import asyncio
import json
import time

import aiohttp

from tests.security import live


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

    return live.in_own_thread(run())
