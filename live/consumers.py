"""The websocket a viewer's page opens: it only listens; messages are sent with ordinary POSTs."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from live import fanout, realtime, selectors


class ShowConsumer(AsyncJsonWebsocketConsumer):
    # No channel of its own: the process's fan-out (live/fanout.py) holds the one subscription per drop and
    # writes each event to this socket directly. An alias that names no layer makes Channels skip it.
    channel_layer_alias = "live-viewers-have-no-channel"
    group: str | None = None

    async def connect(self):
        slug = self.scope["url_route"]["kwargs"]["slug"]
        show_id = await database_sync_to_async(selectors.show_id_for_slug)(slug)
        if show_id is None:
            await self.close(code=4404)
            return
        group = realtime.group_name(show_id)
        await fanout.join(group, self)
        self.group = group
        await self.accept()
        await self.send_json({"type": "hello", "show": show_id})

    async def disconnect(self, code):
        if self.group:
            await fanout.leave(self.group, self)

    async def receive_json(self, content, **kwargs):
        # Viewers speak through the chat form (sessions, CSRF, rate limits); a ping keeps proxies from closing.
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})
