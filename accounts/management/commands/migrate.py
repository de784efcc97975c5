"""`migrate`, first recording accounts.0001 on a database from before the split (see user_model_move)."""

from __future__ import annotations

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections

from accounts.management.user_model_move import adopt_moved_user_model


class Command(MigrateCommand):
    def handle(self, *args, **options):
        if adopt_moved_user_model(connections[options["database"]]) and options["verbosity"] >= 1:
            self.stdout.write("The User model now belongs to accounts: recorded accounts.0001_initial (no change).")
        return super().handle(*args, **options)
