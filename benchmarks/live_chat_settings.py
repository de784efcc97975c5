"""Settings for the live chat benchmark's servers: the deployment's settings, with the chat rate limit lifted.

The writers post far more than a member may; the limit itself is still checked in Redis on every message.
The rate limit is a fixed rule (live/rules.py), not a setting, so the benchmark raises it here, in its own
server processes only.
"""

from config.settings import *  # noqa: F403
from live import rules as _live_rules

_live_rules.CHAT_RATE_LIMIT = _live_rules.CHAT_RATE_LIMIT_NEW = 1_000_000
