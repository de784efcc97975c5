from __future__ import annotations

from celery import shared_task


@shared_task(name="community.tasks.flush_trust_counters")
def flush_trust_counters() -> int:
    """Write the buffered trust events (votes cast) to the members' profiles."""
    from community.services import trust_counters_flush

    return trust_counters_flush()
