from __future__ import annotations

from celery import shared_task


@shared_task(name="search.index_objects", ignore_result=True, max_retries=5, default_retry_delay=30)
def index_objects(kind: str, ids: list[int]) -> None:
    """Re-index the given objects of one kind; objects that left the catalogue leave the index."""
    from search.indexing import sync

    sync(kind, ids)
