# Profile moves from community to accounts; its table stays community_profile. The content types
# of User and Profile are relabelled, so permissions, admin and audit log entries and moderation
# cases about a member keep pointing at the same rows.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("user", "profile")


def relabel(apps, schema_editor, old="community", new="accounts"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def relabel_back(apps, schema_editor):
    relabel(apps, schema_editor, old="accounts", new="community")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('community', '0008_user_and_profile_to_accounts'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Profile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('bio', models.TextField(blank=True, help_text='Markdown: *italic*, **bold**, links.', max_length=2000, verbose_name='bio')),
                        ('location', models.CharField(blank=True, max_length=80, verbose_name='location')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('instagram', models.CharField(blank=True, max_length=40, verbose_name='Instagram handle')),
                        ('is_maker', models.BooleanField(default=False, help_text='Set when the member submits a first design.', verbose_name='maker')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('avatar', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='avatar')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='profile', to=settings.AUTH_USER_MODEL)),
                        ('banner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='storefront banner')),
                        ('days_visited', models.PositiveIntegerField(default=0, verbose_name='days visited')),
                        ('last_visit_on', models.DateField(blank=True, null=True, verbose_name='last visit')),
                        ('purchases', models.PositiveIntegerField(default=0, verbose_name='purchases')),
                        ('suspended_until', models.DateTimeField(blank=True, null=True, verbose_name='suspended until')),
                        ('trust_level', models.PositiveSmallIntegerField(default=0, verbose_name='trust level')),
                        ('votes_cast', models.PositiveIntegerField(default=0, verbose_name='votes cast')),
                        ('language', models.CharField(blank=True, choices=[('en', 'English'), ('de', 'German')], help_text='The language of the site, your notifications and emails.', max_length=10, verbose_name='language')),
                    ],
                    options={
                        'verbose_name': 'profile',
                        'verbose_name_plural': 'profiles',
                        'db_table': 'community_profile',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel, relabel_back, elidable=False),
    ]
