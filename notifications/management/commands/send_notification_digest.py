from django.core.management.base import BaseCommand

from notifications.services import send_daily_digests


class Command(BaseCommand):
    help = "Email every member the notifications waiting for their daily digest."

    def handle(self, *args, **options):
        sent = send_daily_digests()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} digest email(s)."))
