from django.db import migrations


def forwards(apps, schema_editor):
    """Editors see the royalty ledger and payouts in the admin (read-only)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    for model, name in (("payout", "Can view payout"), ("royaltyentry", "Can view royalty entry")):
        content_type, _ = ContentType.objects.get_or_create(app_label="makers", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"view_{model}", defaults={"name": name}
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("makers", "0006_maker_rules_site_setting")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
