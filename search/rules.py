"""Fixed search rules: page sizes, query length, ranking windows.

Read them as `rules.NAME` (module attribute) so the code always sees the current value.
"""

from __future__ import annotations

PAGE_SIZE = 24
# Longer queries are cut: nobody types more, and it bounds the work per query.
MAX_QUERY_LENGTH = 200
SUGGEST_LIMIT = 8
# Newer items rank higher; the boost fades over about this many days (exponential decay).
RECENCY_DAYS = 30
# PostgreSQL ranks this many matches by relevance; pages past it follow popularity.
RANK_WINDOW = 1000
# Crowd scores (0-100) that moved more than this since indexing are re-indexed every few minutes.
VOTE_TOLERANCE = 0.5
