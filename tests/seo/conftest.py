from tests.shop.conftest import localstripe, stripe_on  # noqa: F401  (the real localstripe server)
