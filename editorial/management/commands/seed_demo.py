"""Idempotent demo data: accounts, designs, pages. Development only."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from community.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_accounts, seed_community
from designs.demo import seed_designs
from editorial.demo import seed_editorial
from live.demo import seed_live
from makers.demo import seed_makers
from search.demo import seed_search
from shop.demo import guest_order_link, seed_shop
from voting.demo import seed_voting


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and demo content (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("seed_demo creates accounts with a known password; run it with DEBUG on, or --force.")
        steps = [
            ("accounts", seed_accounts),
            ("designs", seed_designs),
            ("voting", seed_voting),
            ("shop", seed_shop),
            ("makers", seed_makers),
            ("community", seed_community),
            ("live drops", seed_live),
            ("editorial", seed_editorial),
            ("search index", seed_search),
        ]
        progress = tqdm(steps, desc="Seeding demo data", unit="step", disable=options["no_progress"])
        with transaction.atomic():
            for label, step in progress:
                progress.set_postfix_str(label)
                step()
        self.stdout.write(self.style.SUCCESS(f"Demo data is ready. Demo accounts (password: {DEMO_PASSWORD}):"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<22} {account.role}")
        if link := guest_order_link():
            self.stdout.write(f"A guest's delivered order (invoice, return), as the guest's email links it:\n  {link}")
