from django.core.exceptions import ValidationError


class ShopError(ValidationError):
    """A refusal with a message meant for the person who asked."""
