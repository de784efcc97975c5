"""Fixed rules of live drops (docs/live.md).

Read them as `rules.NAME` (module attribute) so the code always sees the current value.
"""

from __future__ import annotations

from decimal import Decimal

# Chat: message length; messages per window (fewer for trust level 0); how many a viewer gets on arrival.
CHAT_MAX_LENGTH = 500
CHAT_RATE_LIMIT = 20
CHAT_RATE_LIMIT_NEW = 6
CHAT_RATE_WINDOW_SECONDS = 60
CHAT_HISTORY = 100
# Tips are one of these amounts in euros (one tap each; no free amount to mistype), at most 10 an hour.
TIP_AMOUNTS: tuple[Decimal, ...] = (Decimal("2.00"), Decimal("5.00"), Decimal("10.00"))
TIP_RATE_LIMIT = 10
# Followers are reminded this long before a drop starts.
REMINDER_MINUTES = 15
# An order priced at a drop's price while it was live may still be paid this long after the drop ended.
DROP_PAYMENT_GRACE_MINUTES = 60
