"""live listens to community moderation: flags hide a chat message, a moderator keeps or removes it."""

from django.dispatch import receiver

from community.signals import content_hidden, content_removed, content_restored
from live.models import ChatMessage


@receiver(content_hidden, sender=ChatMessage, dispatch_uid="live_chat_hidden")
def chat_hidden(sender, instance, **kwargs):
    from live.services import chat_mark

    chat_mark(message_id=instance.pk, hidden=True)


@receiver(content_restored, sender=ChatMessage, dispatch_uid="live_chat_restored")
def chat_restored(sender, instance, **kwargs):
    from live.services import chat_mark

    chat_mark(message_id=instance.pk, hidden=False)


@receiver(content_removed, sender=ChatMessage, dispatch_uid="live_chat_removed")
def chat_removed(sender, instance, **kwargs):
    from live.services import chat_mark

    chat_mark(message_id=instance.pk, removed=True)
