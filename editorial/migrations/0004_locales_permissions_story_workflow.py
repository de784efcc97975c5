from django.db import migrations

STORY_WORKFLOW = "Story approval"
STORY_TASK = "Stories: moderator approval"


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("en", "de"):
        Locale.objects.get_or_create(language_code=code)

    # Editors and moderators browse designs in the admin and translate pages.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    design_type, _ = ContentType.objects.get_or_create(app_label="designs", model="design")
    view_design, _ = Permission.objects.get_or_create(
        content_type=design_type, codename="view_design", defaults={"name": "Can view design"}
    )
    translate = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for name in ("Editors", "Moderators"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(view_design)
        if translate:
            group.permissions.add(translate)

    # Stories go live only after a moderator approved them. The workflow is attached to
    # every story index (see editorial.signals), so it covers all stories in all languages.
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    workflow, _ = Workflow.objects.get_or_create(name=STORY_WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=STORY_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=STORY_TASK, content_type=task_type, active=True)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_collections_and_stories"),
        ("designs", "0002_categories_and_editor_permission"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
