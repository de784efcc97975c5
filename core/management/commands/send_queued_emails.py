from django.core.management.base import BaseCommand

from core.mail import send_queued_emails


class Command(BaseCommand):
    help = "Send the emails the mail server did not take earlier (core/mail.py)."

    def handle(self, *args, **options):
        sent, waiting = send_queued_emails()
        self.stdout.write(f"{sent} sent, {waiting} waiting")
