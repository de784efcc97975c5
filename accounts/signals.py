from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        Profile.objects.get_or_create(user=instance)


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in

    from accounts.middleware import _remember_on_login

    user_logged_in.connect(_remember_on_login, dispatch_uid="community_language_on_login")
