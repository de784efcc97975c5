import pytest
from django.urls import clear_url_caches


@pytest.fixture
def design_pages(settings):
    """Design URLs resolve (a stand-in page until the designs app provides its own)."""
    settings.ROOT_URLCONF = "tests.editorial.urls"
    clear_url_caches()
    yield
    clear_url_caches()
