from django.core.management.base import BaseCommand

from voting.services import votes_recount


class Command(BaseCommand):
    help = "Recompute the vote counters from the votes table and report any drift."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report drift without repairing it.")

    def handle(self, *args, **options):
        drifts = votes_recount(fix=not options["dry_run"])
        for drift in drifts:
            self.stdout.write(
                f"design {drift.design_id}: stored votes/sum/would-buy/discounted {drift.stored}, "
                f"counted {drift.counted}"
            )
        verb = "found" if options["dry_run"] else "repaired"
        style = self.style.WARNING if drifts else self.style.SUCCESS
        self.stdout.write(style(f"{verb} drift on {len(drifts)} designs"))
