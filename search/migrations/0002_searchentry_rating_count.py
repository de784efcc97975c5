from django.db import migrations, models

from search.operations import AddFieldOn, RunSQLOn


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_index"),
    ]

    operations = [
        AddFieldOn(
            model_name="searchentry",
            name="rating_count",
            field=models.PositiveIntegerField(default=0, verbose_name="number of ratings"),
            vendor="postgresql",
        ),
        # SQLite would rebuild the table for a column with a default, and with it every index of the
        # model state, the PostgreSQL-only GIN indexes included; a plain ADD COLUMN keeps the table.
        RunSQLOn(
            "sqlite",
            "ALTER TABLE search_searchentry ADD COLUMN rating_count integer unsigned NOT NULL DEFAULT 0 "
            "CHECK (rating_count >= 0)",
            "ALTER TABLE search_searchentry DROP COLUMN rating_count",
        ),
    ]
