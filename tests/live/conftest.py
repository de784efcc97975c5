from tests.shop.conftest import localstripe, stripe_on  # noqa: F401  (localstripe over HTTP for the tip tests)
