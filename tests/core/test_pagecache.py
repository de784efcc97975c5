"""The anonymous page cache (core/pagecache.py): what it stores, for whom, and when it lets go."""

from __future__ import annotations

import pytest

from designs.models import Design, DesignDailyViews
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.DESIGN_VIEWS_BUFFERED = False  # count straight into the database, Redis or not


def test_anonymous_pages_come_from_the_cache_with_headers_a_cdn_can_use(client):
    make_design(title="Cached cat")
    first = client.get("/designs/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "s-maxage=60" in first["Cache-Control"]
    assert first["ETag"] and first["Last-Modified"]
    assert not first.cookies, "an anonymous page sets no cookie (no CSRF token in the footer)"
    second = client.get("/designs/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    not_modified = client.get("/designs/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304


def test_a_content_change_drops_the_cached_pages(client):
    design = make_design(title="Before the change")
    assert b"Before the change" in client.get("/designs/").content
    design.title = "After the change"
    design.save()
    response = client.get("/designs/")
    assert response["X-Page-Cache"] == "miss"
    assert b"After the change" in response.content


def test_members_never_get_a_cached_page_or_another_members_page(client):
    alice, bob = UserFactory(handle="alice"), UserFactory(handle="bob")
    make_design(title="Shared design")
    client.get("/designs/")  # an anonymous copy is stored
    client.force_login(alice)
    as_alice = client.get("/designs/")
    assert "X-Page-Cache" not in as_alice
    assert "private" in as_alice["Cache-Control"]
    assert b"alice" in as_alice.content
    client.force_login(bob)
    as_bob = client.get("/designs/")
    assert b"bob" in as_bob.content and b"alice" not in as_bob.content
    client.logout()
    anonymous = client.get("/designs/")
    assert b"alice" not in anonymous.content and b"bob" not in anonymous.content


def test_a_design_page_from_the_cache_still_counts_the_view(client):
    design = make_design(title="Counted")
    for _ in range(3):
        assert client.get(design.get_absolute_url()).status_code == 200
    design.refresh_from_db()
    assert design.view_count == 3
    assert DesignDailyViews.objects.get(design=design).views == 3


def test_a_page_with_a_csrf_token_is_never_stored(rf):
    """A page that put a CSRF token in a form holds the visitor's own token: never handed to another."""
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from core.pagecache import PageCacheMiddleware

    def page_with_a_form(request):
        return HttpResponse(f'<form><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')

    def page_without(request):
        return HttpResponse("<p>same for everyone</p>")

    with_form = PageCacheMiddleware(page_with_a_form)
    with_form(rf.get("/some/form/"))
    assert with_form(rf.get("/some/form/")).get("X-Page-Cache") != "hit"
    plain = PageCacheMiddleware(page_without)
    plain(rf.get("/some/page/"))
    assert plain(rf.get("/some/page/")).get("X-Page-Cache") == "hit"


def test_private_paths_are_never_cached(client):
    response = client.get("/shop/cart/")
    assert "X-Page-Cache" not in response


def test_the_floor_view_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/floor")
    assert response.content == b"ok"


def test_buffered_view_counts_reach_the_database_when_flushed(settings):
    from django.core.cache import cache

    from designs.services import design_record_view, design_views_flush

    if not hasattr(cache, "client"):
        pytest.skip("needs Redis: run with REDIS_URL=redis://... (CI does)")
    settings.DESIGN_VIEWS_BUFFERED = True
    design = make_design(title="Buffered")
    for _ in range(5):
        design_record_view(design=design)
    assert Design.objects.get(pk=design.pk).view_count == 0  # no row update per view
    assert design_views_flush() == 1
    assert Design.objects.get(pk=design.pk).view_count == 5
    assert DesignDailyViews.objects.get(design=design).views == 5
