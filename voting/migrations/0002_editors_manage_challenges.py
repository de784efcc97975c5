from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def forwards(apps, schema_editor):
    """Editors (not only superusers) create and change challenges in the Wagtail admin."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    challenge_type, _ = ContentType.objects.get_or_create(app_label="voting", model="challenge")
    group, _ = Group.objects.get_or_create(name="Editors")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=challenge_type,
            codename=f"{action}_challenge",
            defaults={"name": f"Can {action} challenge"},
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0001_challenges_votes_counters"),
        ("designs", "0002_categories_and_editor_permission"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
