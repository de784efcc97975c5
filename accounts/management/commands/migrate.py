"""`migrate`, with one step first for databases built before the User model moved to accounts.

Every app's migrations that point at settings.AUTH_USER_MODEL (ours, Django's admin, allauth, Wagtail,
...) depend on accounts' first migration. On a database that community's migrations built, those
migrations are applied while accounts.0001 is not, and Django refuses to migrate an inconsistent
history before any migration could run. accounts.0001 changes no table (the users stay in
community_user), so it is recorded as applied, exactly as `migrate --fake` would, when the table
it describes exists already. Fresh databases migrate as usual.
"""

from __future__ import annotations

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

USER_TABLE_CREATED = ("community", "0001_initial")
USER_STATE_MOVED = ("accounts", "0001_initial")


def adopt_moved_user_model(connection) -> bool:
    """Record accounts.0001 as applied on a database that has community's User table; True if it did."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    applied = recorder.applied_migrations()
    if USER_TABLE_CREATED not in applied or USER_STATE_MOVED in applied:
        return False
    recorder.record_applied(*USER_STATE_MOVED)
    return True


class Command(MigrateCommand):
    def handle(self, *args, **options):
        if adopt_moved_user_model(connections[options["database"]]) and options["verbosity"] >= 1:
            self.stdout.write("The User model now belongs to accounts: recorded accounts.0001_initial (no change).")
        return super().handle(*args, **options)
