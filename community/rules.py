"""Fixed community rules (docs/trust-levels.md): comments, flags, trust levels, sign-ups.

Read them as `rules.NAME` (module attribute) so the code always sees the current value.
"""

from __future__ import annotations

# A comment may be edited for a quarter of an hour; after that replies may already quote it.
COMMENT_EDIT_MINUTES = 15
# Comments per window (10 minutes): fewer for trust level 0, the level spammers start at.
COMMENT_RATE_LIMIT = 10
COMMENT_RATE_LIMIT_NEW = 3
COMMENT_RATE_WINDOW_SECONDS = 600
# Flags per window (an hour), fewer for trust level 0.
FLAG_RATE_LIMIT = 20
FLAG_RATE_LIMIT_NEW = 5
FLAG_RATE_WINDOW_SECONDS = 3600
# Flag weights (by the flagger's trust level) that add up to this hide the item until a moderator decides.
FLAG_HIDE_THRESHOLD = 3.0

# Trust levels: days visited, votes cast, comments written, purchases.
TRUST_L1_DAYS = 2
TRUST_L2_DAYS = 10
TRUST_L2_VOTES = 20
TRUST_L2_COMMENTS = 3
TRUST_L3_DAYS = 40
TRUST_L3_VOTES = 100
TRUST_L3_COMMENTS = 20
TRUST_L3_PURCHASES = 1
