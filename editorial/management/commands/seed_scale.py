"""Seed a catalogue at production scale for the load and search benchmarks (see editorial/scale.py)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from editorial.scale import ScaleSeeder, Sizes


class Command(BaseCommand):
    help = (
        "Create a large synthetic catalogue (members, designs, votes, comments, orders) with bulk writes. "
        "Deterministic for a given --seed; running it again only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--designs", type=int, default=100_000)
        parser.add_argument("--users", type=int, default=20_000)
        parser.add_argument("--votes", type=int, default=1_000_000)
        parser.add_argument("--comments", type=int, default=200_000)
        parser.add_argument("--orders", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=17, help="Random seed: the same seed gives the same data.")
        parser.add_argument("--index", action="store_true", help="Rebuild the search index afterwards.")
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bars.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("seed_scale creates accounts with a known password; run it with DEBUG on, or --force.")
        sizes = Sizes(
            designs=options["designs"],
            users=options["users"],
            votes=options["votes"],
            comments=options["comments"],
            orders=options["orders"],
        )
        quiet = options["no_progress"]

        def progress(label: str, total: int):
            return tqdm(total=total, desc=f"Seeding {label}", unit="row", disable=quiet or not total)

        started = time.monotonic()
        seeder = ScaleSeeder(sizes, seed=options["seed"], progress=progress)
        users, makers = seeder.users()
        images = seeder.images()
        designs = seeder.designs(makers, images)
        seeder.votes(users, designs)
        counters = seeder.vote_counters()
        seeder.comments(users, designs)
        variants = seeder.products(designs)
        seeder.orders(users, variants)
        seeder.analyze()
        if options["index"]:
            from django.core.management import call_command

            call_command("search_index", "--rebuild")
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {len(users):,} members, {len(designs):,} designs, vote counters for {counters:,} designs "
                f"in {time.monotonic() - started:.0f} s."
            )
        )
