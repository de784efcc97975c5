"""Fragment caches (core/fragcache.py): card grids and the design page's parts are rendered once and
kept under the versions of what they show; a change shows on the next render; without Redis the
pages are rendered whole."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from core import fragcache
from tests.factories.designs import make_design
from tests.security import live

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 0


def test_a_fragment_is_rendered_once_per_version_and_language():
    calls = []

    def render():
        calls.append(translation.get_language())
        return f"<p>{len(calls)}</p>"

    assert fragcache.cached("t", (1,), render) == "<p>1</p>"
    assert fragcache.cached("t", (1,), render) == "<p>1</p>"
    assert fragcache.cached("t", (2,), render) == "<p>2</p>"  # a new version
    with translation.override("de"):
        assert fragcache.cached("t", (2,), render) == "<p>3</p>"  # German is its own
    assert calls == ["en", "en", "de"]


def test_a_bump_moves_the_version():
    before = fragcache.version("comments:1:2")
    fragcache.bump("comments:1:2")
    after = fragcache.version("comments:1:2")
    assert after != before
    fragcache.bump("comments:1:2")
    assert fragcache.version("comments:1:2") == after + 1


def test_marks_fill_values_and_keep_or_drop_sections():
    html = "a<!--@csrf--><b<!--@like:7-->><!--?edit:7-->E<!--/?--><!--?edit:8-->F<!--/?-->"
    out = fragcache.fill_marks(
        html,
        values={"csrf": lambda _pk: "[t]", "like": lambda pk: f" data-n={pk}"},
        sections={"edit": lambda pk: pk == 7},
    )
    assert out == "a[t]<b data-n=7>E"


def test_the_design_list_grid_comes_from_the_cache_and_shows_an_edit_at_once(client):
    design = make_design(title="Grid cat")
    assert "Grid cat" in client.get("/designs/").content.decode()
    stored = [key for key in caches["default"]._cache if ":frag:cards:" in key]  # noqa: SLF001
    assert stored, "the grid was stored"
    design.title = "Grid dog"
    design.save()
    html = client.get("/designs/").content.decode()
    assert "Grid dog" in html and "Grid cat" not in html


def test_the_design_page_and_grid_follow_the_language(client):
    make_design(title="Sprache")
    english = client.get("/designs/").content.decode()
    german = Client(HTTP_ACCEPT_LANGUAGE="de").get("/de/designs/").content.decode()
    assert "No votes yet" in english and "Noch keine Stimmen" in german


@pytest.fixture
def dead_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{live.closed_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        },
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "frag-dead"},
    }
    yield caches["default"]
    caches["default"].close()


def test_without_redis_pages_render_whole_and_nothing_is_kept(dead_redis, client):
    design = make_design(title="Offline owl")
    assert client.get("/designs/").status_code == 200
    assert dead_redis.degraded
    for _ in range(2):
        listing = client.get("/designs/")
        page = client.get(design.get_absolute_url())
        assert listing.status_code == 200 and "Offline owl" in listing.content.decode()
        assert page.status_code == 200 and "Offline owl" in page.content.decode()
    assert not [k for k in caches["fragments"]._cache if ":frag:" in k]  # noqa: SLF001 (rendered, not kept)
