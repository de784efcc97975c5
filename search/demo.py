"""Demo step: index whatever demo content exists."""

from __future__ import annotations

from search.indexing import rebuild_database


def seed_search() -> int:
    """Rebuild the database search index (idempotent: it starts from empty every time)."""
    return rebuild_database()
