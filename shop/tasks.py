from celery import shared_task


@shared_task(name="shop.tasks.close_campaigns")
def close_campaigns() -> int:
    """Periodic and idempotent: closes every campaign whose deadline passed."""
    from shop.services.campaigns import campaigns_close_due

    return len(campaigns_close_due())
