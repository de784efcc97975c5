# The User model moves from community to accounts without touching the database: the table stays
# community_user. This migration only adds the model to accounts' migration state. A database that
# community's migrations built records it as applied before `migrate` checks the history
# (accounts/management/commands/migrate.py), because every app's migrations that point at
# settings.AUTH_USER_MODEL depend on it.

import accounts.models
import django.core.validators
import django.db.models.functions.text
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('community', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='User',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('password', models.CharField(max_length=128, verbose_name='password')),
                        ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                        ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                        ('is_staff', models.BooleanField(default=False, help_text='Designates whether the user can log into this admin site.', verbose_name='staff status')),
                        ('is_active', models.BooleanField(default=True, help_text='Designates whether this user should be treated as active. Unselect this instead of deleting accounts.', verbose_name='active')),
                        ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                        ('email', models.EmailField(max_length=254, unique=True, verbose_name='email address')),
                        ('handle', models.CharField(help_text='Your public name on Commonmade, shown on your designs and comments.', max_length=30, unique=True, validators=[django.core.validators.RegexValidator('^[a-zA-Z0-9](?:[a-zA-Z0-9_-]{1,28}[a-zA-Z0-9])$', 'A handle has 3 to 30 letters, digits, hyphens or underscores and starts and ends with a letter or digit.')], verbose_name='handle')),
                        ('display_name', models.CharField(blank=True, max_length=80, verbose_name='display name')),
                        ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                        ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
                    ],
                    options={
                        'verbose_name': 'user',
                        'verbose_name_plural': 'users',
                        'db_table': 'community_user',
                        'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('handle'), name='community_user_handle_ci_unique'), models.UniqueConstraint(django.db.models.functions.text.Lower('email'), name='community_user_email_ci_unique')],
                    },
                    managers=[
                        ('objects', accounts.models.CommonmadeUserManager()),
                    ],
                ),
            ],
            database_operations=[],
        ),
    ]
