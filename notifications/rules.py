"""Fixed notification rules (constants, with the reason next to each)."""

from __future__ import annotations

# Web push goes out only for these notification kinds (live drops: time matters); the rest waits for email.
WEBPUSH_NOTIFICATION_KINDS = ("live_scheduled", "live_reminder", "live_started")
