"""Databases built before the User model moved from community to accounts.

Every app's migrations that point at settings.AUTH_USER_MODEL (ours, Django's admin, allauth, Wagtail,
...) depend on accounts' first migration. On a database that community's migrations built, those
migrations are applied while accounts.0001 is not, and Django refuses to work with an inconsistent
history before any migration could run. accounts.0001 changes no table (the users stay in
community_user), so it is recorded as applied, exactly as `migrate --fake` would, when the table
it describes exists already. `migrate` and `makemigrations` do this first; fresh databases are
left alone.
"""

from __future__ import annotations

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
