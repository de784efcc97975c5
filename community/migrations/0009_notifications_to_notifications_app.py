# Notification, NotificationPreference and PushSubscription now belong to the notifications app
# (notifications/migrations/0001). Their tables stay: this only takes them out of community's state.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0008_user_and_profile_to_accounts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Notification'),
                migrations.DeleteModel(name='NotificationPreference'),
                migrations.DeleteModel(name='PushSubscription'),
            ],
            database_operations=[],
        ),
    ]
