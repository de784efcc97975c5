"""Migration operations that run on one database vendor only.

The search index lives on PostgreSQL (GIN indexes, pg_trgm) and on SQLite (an FTS5
table); each side's schema must be a no-op on the other, while Django's migration
state stays the same everywhere.
"""

from __future__ import annotations

from django.db import migrations


class VendorOnly:
    """Runs an operation's schema change on one database vendor only; the state changes everywhere."""

    vendor: str

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        kwargs["vendor"] = self.vendor
        return name, args, kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddIndexOn(VendorOnly, migrations.AddIndex):
    def __init__(self, model_name, index, vendor: str):
        super().__init__(model_name, index)
        self.vendor = vendor


class RunSQLOn(VendorOnly, migrations.RunSQL):
    def __init__(self, vendor: str, sql, reverse_sql=None, **kwargs):
        super().__init__(sql, reverse_sql, **kwargs)
        self.vendor = vendor


class AddFieldOn(VendorOnly, migrations.AddField):
    """AddField whose schema change runs on one vendor only (the state changes everywhere)."""

    def __init__(self, model_name, name, field, vendor: str, preserve_default=True):
        super().__init__(model_name, name, field, preserve_default)
        self.vendor = vendor
