from datetime import timedelta

from celery import shared_task
from django.utils import timezone


@shared_task(name="makers.tasks.run_monthly_payouts")
def run_monthly_payouts() -> int:
    """Runs daily; pays last month's balance. The per-month unique payout makes reruns harmless."""
    from makers.services import payouts_run_month

    first = timezone.localdate().replace(day=1)
    last_month = (first - timedelta(days=1)).strftime("%Y-%m")
    return len(payouts_run_month(period=last_month))
