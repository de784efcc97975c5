from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class ShopError(ValidationError):
    """A refusal with a message meant for the person who asked."""


class PaymentError(ShopError):
    """Stripe did not take the payment. Nothing was half-written: the order stays payable."""

    def __init__(self, message: str | None = None, *, stripe_code: str = ""):
        super().__init__(message or self.default_message(), code=type(self).__name__)
        self.stripe_code = stripe_code

    @staticmethod
    def default_message() -> str:
        return _("The payment did not go through. Your order is saved and waits for payment.")


class PaymentUnavailable(PaymentError):
    """Stripe could not be reached, timed out, was overloaded or refused our keys."""

    @staticmethod
    def default_message() -> str:
        return _(
            "Our payment provider is not answering right now. Your order is saved and waits for payment: "
            "please try again in a few minutes with “Pay now”. You will never be charged twice for it."
        )


class PaymentDeclined(PaymentError):
    """The card was declined."""

    @staticmethod
    def default_message() -> str:
        return _("Your card was declined and nothing was charged. Your order is saved: try again with another card.")


class PaymentRefused(PaymentError):
    """Stripe answered the request with a refusal (a 4xx other than a declined card)."""

    @staticmethod
    def default_message() -> str:
        return _(
            "Our payment provider refused this payment request. Your order is saved and waits for payment: "
            "please try again later, or write to us if it keeps happening."
        )


class PaymentInProgress(ShopError):
    """Another request is paying this order right now."""

    def __init__(self):
        super().__init__(
            _("A payment for this order is already under way. Please wait a moment, then reload the order page."),
            code="payment_in_progress",
        )
