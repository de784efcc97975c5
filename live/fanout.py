"""Fan-out inside one ASGI process: one channel-layer subscription per drop and process, not one per viewer.

Channels' usual way gives every websocket its own channel: a chat line to 500 viewers becomes 500 queue
entries, 500 consumer wake-ups, 500 decodes and, since channels 4.2, 500 trips through a thread to close
stale database connections (`AsyncConsumer.dispatch`). Measured with py-spy on daphne, that hop alone was
over a third of the process's time. Here the process subscribes to the drop's group once; each event is
encoded once (in `live.realtime`), and the same text is written to every local viewer's socket.

Events that arrive within `LIVE_PUSH_BATCH_SECONDS` of each other go out as one frame
(`{"type": "batch", "events": [...]}`), so a rush costs a frame per viewer per window instead of per line;
while the process is busy writing, what arrives meanwhile is batched the same way. A single event is sent
as it is.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from typing import Protocol

from channels.layers import get_channel_layer
from django.conf import settings

logger = logging.getLogger(__name__)


class Viewer(Protocol):
    async def send(self, text_data: str | None = None, bytes_data: bytes | None = None, close: bool = False): ...


def batch_frame(texts: list[str]) -> str:
    """One websocket frame for the events of one window (each already JSON)."""
    if len(texts) == 1:
        return texts[0]
    return '{"type":"batch","events":[' + ",".join(texts) + "]}"


class GroupFanout:
    """The viewers of one drop in this process, and the one subscription that feeds them."""

    def __init__(self, group: str, window: float):
        self.group = group
        self.window = window
        self.viewers: set[Viewer] = set()
        self.layer = get_channel_layer()
        self.channel: str | None = None
        self.pending: list[str] = []
        self.frames: asyncio.Queue[str] = asyncio.Queue()
        self.flush_handle: asyncio.TimerHandle | None = None
        self.tasks: list[asyncio.Task] = []
        self.started = asyncio.Event()
        self.failed = False

    async def start(self) -> None:
        try:
            self.channel = await self.layer.new_channel()
            await self.layer.group_add(self.group, self.channel)
            self.tasks = [asyncio.ensure_future(self._read()), asyncio.ensure_future(self._deliver())]
        except BaseException:
            self.failed = True
            raise
        finally:
            self.started.set()

    async def stop(self) -> None:
        if self.flush_handle is not None:
            self.flush_handle.cancel()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.channel is not None:
            try:
                await self.layer.group_discard(self.group, self.channel)
            except Exception as exc:  # noqa: BLE001 (a dead Redis must not break a disconnect)
                logger.warning("live fan-out %s: leaving the group failed (%s)", self.group, exc)

    async def _read(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 (the transport comes back; viewers poll meanwhile)
                logger.warning("live fan-out %s: receive failed (%s)", self.group, exc)
                await asyncio.sleep(1)
                continue
            text = message.get("text") if isinstance(message, dict) else None
            if not text:
                continue
            self.pending.append(text)
            if self.flush_handle is None:
                self.flush_handle = loop.call_later(self.window, self._flush)

    def _flush(self) -> None:
        self.flush_handle = None
        texts, self.pending = self.pending, []
        if texts:
            self.frames.put_nowait(batch_frame(texts))

    async def _deliver(self) -> None:
        while True:
            frame = await self.frames.get()
            for viewer in list(self.viewers):
                try:
                    await viewer.send(text_data=frame)
                except Exception:  # noqa: BLE001 (a socket closing under us; its disconnect removes it)
                    self.viewers.discard(viewer)


# One registry per event loop: tests and servers may run more than one loop in a process.
_registries: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, GroupFanout]] = weakref.WeakKeyDictionary()


def _registry() -> dict[str, GroupFanout]:
    loop = asyncio.get_running_loop()
    if loop not in _registries:
        _registries[loop] = {}
    return _registries[loop]


async def join(group: str, viewer: Viewer) -> None:
    registry = _registry()
    fanout = registry.get(group)
    if fanout is None:
        fanout = registry[group] = GroupFanout(group, settings.LIVE_PUSH_BATCH_SECONDS)
        fanout.viewers.add(viewer)
        try:
            await fanout.start()
        except BaseException:
            if registry.get(group) is fanout:
                del registry[group]
            raise
    else:
        fanout.viewers.add(viewer)
        await fanout.started.wait()
        if fanout.failed:
            fanout.viewers.discard(viewer)
            raise ConnectionError(f"live fan-out {group}: the channel layer is unavailable")


async def leave(group: str, viewer: Viewer) -> None:
    registry = _registry()
    fanout = registry.get(group)
    if fanout is None:
        return
    fanout.viewers.discard(viewer)
    if not fanout.viewers:
        del registry[group]
        await fanout.stop()


def viewers_here(group: str) -> int:
    """Viewers of the group connected to this process (for tests and the benchmark)."""
    fanout = _registry().get(group)
    return len(fanout.viewers) if fanout else 0
