from __future__ import annotations

from celery import shared_task


@shared_task(name="search.index_objects", ignore_result=True, max_retries=5, default_retry_delay=30)
def index_objects(kind: str, ids: list[int]) -> None:
    """Re-index the given objects of one kind; objects that left the catalogue leave the index."""
    from search.indexing import sync

    sync(kind, ids)


@shared_task(name="search.reindex_stale_designs", ignore_result=True)
def reindex_stale_designs() -> int:
    """Bring crowd scores and ratings in the index up to date with the votes (periodic, and after a recount)."""
    from search.indexing import reindex_stale_designs as reindex

    return reindex()
