"""Design images get unguessable file names; their old renditions go (they are made again on use)."""

from django.core.files.storage import default_storage
from django.db import migrations


def forwards(apps, schema_editor):
    from designs.media import rename_design_originals

    rename_design_originals(
        image_model=apps.get_model("wagtailimages", "Image"),
        rendition_model=apps.get_model("wagtailimages", "Rendition"),
        design_image_model=apps.get_model("designs", "DesignImage"),
        storage=default_storage,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("designs", "0004_moderation_hidden"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
