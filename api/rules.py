"""Fixed rules of the JSON API.

Read them as `rules.NAME` (module attribute) so the code always sees the current value.
"""

from __future__ import annotations

# Cursor pages: 20 items unless `limit` asks for 1-100.
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Personal access tokens a member may hold at once (revoked ones do not count).
TOKENS_PER_MEMBER = 10
