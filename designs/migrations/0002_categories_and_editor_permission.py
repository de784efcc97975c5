from django.db import migrations

CATEGORIES = [
    ("apparel", "Apparel", "Bekleidung"),
    ("poster", "Poster", "Poster"),
    ("sticker", "Sticker", "Sticker"),
    ("mug", "Mug", "Tasse"),
    ("tote-bag", "Tote bag", "Stoffbeutel"),
    ("phone-case", "Phone case", "Handyhülle"),
]


def forwards(apps, schema_editor):
    Category = apps.get_model("designs", "Category")
    for position, (slug, name, name_de) in enumerate(CATEGORIES):
        Category.objects.update_or_create(slug=slug, defaults={"name": name, "name_de": name_de, "position": position})

    # Editors and moderators decide on designs; the permission is created here so groups can hold it.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    design_type, _ = ContentType.objects.get_or_create(app_label="designs", model="design")
    permission, _ = Permission.objects.get_or_create(
        content_type=design_type,
        codename="moderate_design",
        defaults={"name": "Can approve, reject and decide on designs"},
    )
    for name in ("Editors", "Moderators"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("designs", "0001_initial"),
        ("wagtailusers", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
