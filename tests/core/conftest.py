# localstripe (a real HTTP server speaking Stripe's API) for the referral purchase, as in tests/shop.
from tests.shop.conftest import localstripe, stripe_on  # noqa: F401
