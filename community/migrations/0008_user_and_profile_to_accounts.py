# User and Profile now belong to accounts (accounts/migrations/0001 and 0002). Their tables stay
# as they are: this only takes the two models out of community's migration state.

from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('community', '0007_profile_banner_language'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Profile'),
                migrations.DeleteModel(name='User'),
            ],
            database_operations=[],
        ),
    ]
