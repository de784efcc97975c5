import django.contrib.postgres.indexes
from django.db import migrations, models

from search.operations import AddIndexOn


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_search_category_index"),
    ]

    operations = [
        # A tag filter intersects this index's bitmap with the word's (as a category filter does) instead
        # of joining search_searchentrytag after reading every match of the word. PostgreSQL only.
        AddIndexOn(
            "searchentry",
            django.contrib.postgres.indexes.GinIndex(
                models.Func(models.F("tag_text"), models.Value("|"), function="string_to_array"),
                name="search_entry_tags_gin",
            ),
            vendor="postgresql",
        ),
    ]
