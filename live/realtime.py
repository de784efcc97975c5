"""The push channel of a live drop: Django Channels groups, one per drop.

With REDIS_URL the channel layer is Redis (channels-redis), so every web process sees every event;
on the embedded default it is one process's memory. A send never fails the request that caused it:
the change is saved first, and viewers whose push channel is down see it on their next poll or reload.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings

logger = logging.getLogger(__name__)

SEND_TIMEOUT_SECONDS = 1.0
# A failed Redis check is remembered briefly, so a page under load does not wait on a dead server each time.
_CHECK_TTL_SECONDS = 5.0
_last_check: dict[str, float | bool] = {"at": 0.0, "ok": True}


def group_name(show_id: int) -> str:
    return f"live-show-{show_id}"


async def _send(group: str, payload: dict) -> None:
    layer = get_channel_layer()
    # Encoded to JSON once here, not once per viewer in each consumer.
    message = {"type": "live.event", "text": json.dumps(payload, separators=(",", ":"))}
    await asyncio.wait_for(layer.group_send(group, message), SEND_TIMEOUT_SECONDS)


def broadcast(show_id: int, payload: dict) -> bool:
    """Push one event to everyone watching the drop; False (logged) when the channel is down."""
    try:
        async_to_sync(_send)(group_name(show_id), payload)
    except Exception as exc:  # noqa: BLE001 (any transport failure: the change itself is saved)
        logger.warning("live drop %s: push failed (%s: %s)", show_id, type(exc).__name__, exc)
        _last_check.update(at=time.monotonic(), ok=False)
        return False
    return True


def uses_redis() -> bool:
    return bool(settings.LIVE_REDIS_URL)


def transport_available() -> bool:
    """True when live updates can reach viewers: always in memory; with Redis, when it answers a PING."""
    if not uses_redis():
        return True
    now = time.monotonic()
    if now - float(_last_check["at"]) < _CHECK_TTL_SECONDS:
        return bool(_last_check["ok"])
    import redis

    try:
        client = redis.Redis.from_url(settings.LIVE_REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5)
        ok = bool(client.ping())
        client.close()
    except redis.RedisError as exc:
        logger.warning("live drops: Redis does not answer (%s)", exc)
        ok = False
    _last_check.update(at=now, ok=ok)
    return ok
