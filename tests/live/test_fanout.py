"""The per-process fan-out of live events: one subscription per drop, events batched within a short window.

Runs on the configured channel layer (process memory on the embedded default, Redis pub/sub with REDIS_URL).
The delivery over a real daphne and websocket is in test_realtime.py.
"""

from __future__ import annotations

import asyncio
import json

from django.test import override_settings

from live import fanout, realtime
from tests.security.live import in_own_thread


class Socket:
    """Stands where a viewer's websocket consumer stands: what it is sent is kept."""

    def __init__(self):
        self.frames: list[str] = []

    async def send(self, text_data=None, bytes_data=None, close=False):
        self.frames.append(text_data)


async def _until(condition, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.01)


def _events(frames: list[str]) -> list[dict]:
    out = []
    for frame in frames:
        data = json.loads(frame)
        out.extend(data["events"] if data["type"] == "batch" else [data])
    return out


# A wide window: on a loaded machine three sends over Redis can take longer than the real 50 ms.
@override_settings(LIVE_PUSH_BATCH_SECONDS=1.0)
def test_events_within_the_window_reach_every_viewer_as_one_frame_in_order():
    group = realtime.group_name(918_001)

    async def scenario():
        one, two = Socket(), Socket()
        await fanout.join(group, one)
        await fanout.join(group, two)
        assert fanout.viewers_here(group) == 2
        for n in range(3):
            await realtime._send(group, {"type": "chat", "id": n, "html": f"<p>line {n}</p>"})
        await _until(lambda: one.frames and two.frames)
        assert one.frames == two.frames
        assert len(one.frames) == 1, one.frames
        assert json.loads(one.frames[0])["type"] == "batch"
        assert [e["id"] for e in _events(one.frames)] == [0, 1, 2]

        await asyncio.sleep(1.2)
        await realtime._send(group, {"type": "pin", "product_id": 7})
        await _until(lambda: len(one.frames) == 2)
        assert json.loads(one.frames[1]) == {"type": "pin", "product_id": 7}  # a lone event is sent as it is

        await fanout.leave(group, one)
        await fanout.leave(group, two)

    in_own_thread(scenario())


@override_settings(LIVE_PUSH_BATCH_SECONDS=0.01)
def test_the_last_viewer_leaving_ends_the_subscription_and_a_new_viewer_starts_one():
    group = realtime.group_name(918_002)

    async def scenario():
        first = Socket()
        await fanout.join(group, first)
        await fanout.leave(group, first)
        assert fanout.viewers_here(group) == 0
        await realtime._send(group, {"type": "chat", "id": 1, "html": "<p>nobody</p>"})

        second = Socket()
        await fanout.join(group, second)
        await realtime._send(group, {"type": "chat", "id": 2, "html": "<p>hello</p>"})
        await _until(lambda: second.frames)
        await asyncio.sleep(0.1)
        assert [e["id"] for e in _events(second.frames)] == [2]
        assert first.frames == []
        await fanout.leave(group, second)

    in_own_thread(scenario())


def test_a_viewer_whose_socket_fails_is_dropped_and_the_others_still_get_the_event():
    group = realtime.group_name(918_003)

    class Broken(Socket):
        async def send(self, text_data=None, bytes_data=None, close=False):
            raise ConnectionResetError("gone")

    async def scenario():
        broken, fine = Broken(), Socket()
        await fanout.join(group, broken)
        await fanout.join(group, fine)
        await realtime._send(group, {"type": "status", "status": "ended"})
        await _until(lambda: fine.frames)
        assert fanout.viewers_here(group) == 1
        await fanout.leave(group, broken)
        await fanout.leave(group, fine)

    in_own_thread(scenario())


def test_with_redis_the_channel_prefix_names_the_database(settings):
    # Pub/sub channels are server-wide: two sites on one Redis server (databases 1 and 2) must not share drops.
    if not settings.LIVE_REDIS_URL:
        return
    db = settings.LIVE_REDIS_URL.rsplit("/", 1)[-1] or "0"
    assert settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] == f"asgi-db{db}"
