from django.conf import settings
from django.db import migrations


def drop_foreign_time_zones(apps, schema_editor):
    allowed = list(getattr(settings, "WAGTAIL_USER_TIME_ZONES", [settings.TIME_ZONE]))
    UserProfile = apps.get_model("wagtailusers", "UserProfile")
    UserProfile.objects.exclude(current_time_zone="").exclude(current_time_zone__in=allowed).update(
        current_time_zone=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_queued_email"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [migrations.RunPython(drop_foreign_time_zones, migrations.RunPython.noop)]
