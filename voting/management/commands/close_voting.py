from django.core.management.base import BaseCommand

from voting.services import voting_close_due


class Command(BaseCommand):
    help = "Close every voting window that has ended: rank, shortlist, milestones, early leaves (safe to re-run)."

    def handle(self, *args, **options):
        report = voting_close_due()
        for slug in report.challenges:
            self.stdout.write(f"closed challenge {slug}")
        for design_id in report.left_early:
            self.stdout.write(f"design {design_id} left voting early")
        for design_id, outcome in report.gallery.items():
            self.stdout.write(f"open-gallery design {design_id}: {outcome}")
        self.stdout.write(self.style.SUCCESS("Voting windows are up to date."))
