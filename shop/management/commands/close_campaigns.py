from django.core.management.base import BaseCommand

from shop.services.campaigns import campaigns_close_due


class Command(BaseCommand):
    help = "Close pre-order campaigns past their deadline: capture all if the goal was reached, else cancel all."

    def handle(self, *args, **options):
        results = campaigns_close_due()
        for campaign_id, outcome in results:
            self.stdout.write(f"campaign {campaign_id}: {outcome}")
        self.stdout.write(self.style.SUCCESS(f"{len(results)} campaign(s) closed."))
