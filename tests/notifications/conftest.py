import pytest
from django.core.cache import cache

from accounts.models import Profile
from tests.factories.accounts import UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    user = UserFactory(handle="sam-member")
    Profile.objects.filter(user=user).update(trust_level=1)
    return user


@pytest.fixture
def maker(db):
    user = UserFactory(handle="mira-makes", display_name="Mira Maker")
    Profile.objects.filter(user=user).update(is_maker=True, trust_level=1)
    return user
