# The storefront banner belongs to the maker's brand (makers.Brand.banner). makers.0009 copies every
# profile banner there first: it declares that it runs before this migration, so accounts does not
# name the makers app. Backwards the column comes back empty; `migrate makers 0008_brand_and_collections`
# unapplies this migration and then makers.0009, which fills it from the brands.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_profile"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="profile",
            name="banner",
        ),
    ]
