from django.db import migrations


def forwards(apps, schema_editor):
    """Moderators and editors decide on flagged content out of the box, not only in the demo."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    case_type, _ = ContentType.objects.get_or_create(app_label="community", model="moderationcase")
    permission, _ = Permission.objects.get_or_create(
        content_type=case_type,
        codename="moderate_content",
        defaults={"name": "Can decide on flagged content and suspend members"},
    )
    for name in ("Moderators", "Editors"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0004_community_social"),
        ("designs", "0002_categories_and_editor_permission"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
