# Notification, NotificationPreference and PushSubscription move from community to this app; their
# tables keep their names (community_notification, ...). State only, plus relabelled content types.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("notification", "notificationpreference", "pushsubscription")


def relabel(apps, schema_editor, old="community", new="notifications"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def relabel_back(apps, schema_editor):
    relabel(apps, schema_editor, old="notifications", new="community")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('community', '0009_notifications_to_notifications_app'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PushSubscription',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('endpoint', models.URLField(max_length=800, unique=True, verbose_name='endpoint')),
                        ('p256dh', models.CharField(max_length=200, verbose_name='public key')),
                        ('auth', models.CharField(max_length=100, verbose_name='auth secret')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='push_subscriptions', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'push subscription',
                        'verbose_name_plural': 'push subscriptions',
                        'db_table': 'community_pushsubscription',
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=40, verbose_name='kind')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('body', models.TextField(blank=True, verbose_name='text')),
                        ('url', models.CharField(blank=True, max_length=300, verbose_name='link')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read')),
                        ('email_state', models.CharField(choices=[('none', 'no email'), ('digest', 'waiting for the daily digest'), ('sent', 'sent')], db_index=True, default='none', max_length=10, verbose_name='email')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'db_table': 'community_notification',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['recipient', 'read_at'], name='community_n_recipie_45ee00_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='NotificationPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=40, verbose_name='kind')),
                        ('delivery', models.CharField(choices=[('immediately', 'Email immediately'), ('digest', 'Daily digest'), ('off', 'No email (only on the site)')], max_length=12, verbose_name='delivery')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preferences', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                    ],
                    options={
                        'verbose_name': 'notification preference',
                        'verbose_name_plural': 'notification preferences',
                        'db_table': 'community_notificationpreference',
                        'constraints': [models.UniqueConstraint(fields=('user', 'kind'), name='community_notificationpref_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel, relabel_back, elidable=False),
    ]
