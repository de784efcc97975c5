from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from makers.models import PayoutStatus
from makers.services import payouts_run_month


class Command(BaseCommand):
    help = "Transfer each maker's unpaid royalty balance for a month to their Stripe Connect account (once)."

    def add_arguments(self, parser):
        first = timezone.localdate().replace(day=1)
        default = (first - timedelta(days=1)).strftime("%Y-%m")
        parser.add_argument("--period", default=default, help="Month as YYYY-MM (default: last month).")

    def handle(self, *args, **options):
        payouts = payouts_run_month(period=options["period"])
        for payout in payouts:
            style = self.style.SUCCESS if payout.status == PayoutStatus.PAID else self.style.ERROR
            self.stdout.write(style(f"{payout.maker.handle}: {payout.amount} EUR {payout.status}"))
        self.stdout.write(f"{len(payouts)} payout(s) for {options['period']}.")
