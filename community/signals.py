from django.dispatch import Signal

# Sent when moderation removes an item: sender=model class, instance=the item, reason=str.
# The app that owns the model listens (community/receivers.py for comments, designs/receivers.py
# for designs) and calls its own service; community never changes another app's rows.
# Sent inside the moderation transaction: a handler's database work commits with the decision.
content_removed = Signal()
# Sent when flags hide an item pending review, and when a moderator keeps (restores) it.
content_hidden = Signal()
content_restored = Signal()


def _email_confirmed(request, email_address, **kwargs):
    from community.services import trust_recompute

    trust_recompute(user=email_address.user)


def connect_allauth() -> None:
    from allauth.account.signals import email_confirmed

    email_confirmed.connect(_email_confirmed, dispatch_uid="community_trust_on_email_confirmed")
