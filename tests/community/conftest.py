import pytest
from django.core.cache import cache
from django.test import RequestFactory

from accounts.models import Profile
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def with_trust(user, level: int):
    Profile.objects.filter(user=user).update(trust_level=level)
    return user


@pytest.fixture
def member(db):
    return with_trust(UserFactory(handle="sam-member"), 1)


@pytest.fixture
def maker(db):
    user = UserFactory(handle="mira-makes", display_name="Mira Maker")
    Profile.objects.filter(user=user).update(is_maker=True, trust_level=1)
    return user


@pytest.fixture
def design(maker):
    return make_design(maker=maker, title="Night Owl")


@pytest.fixture
def render_comments():
    """Render the design comments partial the way the design page includes it."""
    from django.template.loader import render_to_string

    def render(design, user=None):
        from django.contrib.auth.models import AnonymousUser

        request = RequestFactory().get("/designs/x/")
        request.user = user or AnonymousUser()
        return render_to_string(
            "community/design_comments.html", {"design": design, "user": request.user}, request=request
        )

    return render
