import pytest
from django.conf import settings
from django.utils import translation

from tests.shop.conftest import localstripe, stripe_on  # noqa: F401  (the real localstripe server)


@pytest.fixture(autouse=True)
def _default_language():
    """A request to a /de/ URL leaves German active in the thread; each test starts (and ends) in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
