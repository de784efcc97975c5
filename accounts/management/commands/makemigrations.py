"""`makemigrations`, first recording accounts.0001 on a database from before the split (see user_model_move),
so that `makemigrations --check` works on a developer's database before it is migrated."""

from __future__ import annotations

import contextlib

from django.core.management.commands.makemigrations import Command as MakemigrationsCommand
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, router

from accounts.management.user_model_move import adopt_moved_user_model


class Command(MakemigrationsCommand):
    def handle(self, *app_labels, **options):
        for alias in sorted({DEFAULT_DB_ALIAS, *connections}):
            connection = connections[alias]
            if connection.settings_dict["ENGINE"] != "django.db.backends.dummy" and router.allow_migrate(
                alias, "accounts", model_name="user"
            ):
                # Without a database to check, makemigrations itself warns about it.
                with contextlib.suppress(OperationalError):
                    adopt_moved_user_model(connection)
        return super().handle(*app_labels, **options)
