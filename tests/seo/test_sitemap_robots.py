"""sitemap.xml lists exactly the public items, in both languages; robots.txt keeps crawlers out of private pages."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from designs.models import DesignSlugHistory, DesignState
from editorial.models import StandardPage, StoryPage
from shop.models import ProductStatus
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design
from tests.factories.editorial import collection, home_page, publish, story_index
from tests.factories.shop import make_product
from tests.factories.voting import ChallengeFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
BASE = "http://testserver"


def _section(client, name: str) -> dict[str, dict]:
    response = client.get(f"/sitemap-{name}.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap, in a test)
    urls = {}
    for url in root.findall("sm:url", NS):
        loc = url.find("sm:loc", NS).text
        urls[loc] = {
            "lastmod": url.find("sm:lastmod", NS).text if url.find("sm:lastmod", NS) is not None else None,
            "alternates": {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)},
        }
    return urls


def _maker(handle):
    user = UserFactory(handle=handle)
    user.profile.is_maker = True
    user.profile.save()
    return user


def test_index_names_every_section(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap, in a test)
    locations = [node.text for node in root.findall("sm:sitemap/sm:loc", NS)]
    assert locations == [
        f"{BASE}/sitemap-{name}.xml"
        for name in ("pages", "designs", "products", "makers", "challenges", "collections", "stories", "live")
    ]
    for location in locations:
        assert client.get(location.removeprefix(BASE)).status_code == 200
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_designs_section_lists_exactly_the_public_designs_in_both_languages(client):
    maker = _maker("mira")
    public = {
        state: make_design(maker=maker, state=state)
        for state in (
            DesignState.APPROVED,
            DesignState.SHORTLISTED,
            DesignState.SELECTED,
            DesignState.NOT_SELECTED,
            DesignState.IN_PRODUCTION,
            DesignState.ON_SALE,
            DesignState.RETIRED,
        )
    }
    for state in (DesignState.DRAFT, DesignState.SUBMITTED, DesignState.REJECTED, DesignState.WITHDRAWN):
        make_design(maker=maker, state=state)
    make_design(maker=maker, state=DesignState.APPROVED, moderation_removed=True)

    urls = _section(client, "designs")
    expected = set()
    for design in public.values():
        expected |= {f"{BASE}/designs/{design.slug}/", f"{BASE}/de/designs/{design.slug}/"}
    assert set(urls) == expected
    some = public[DesignState.APPROVED]
    entry = urls[f"{BASE}/designs/{some.slug}/"]
    assert entry["lastmod"] == timezone.localtime(some.updated_at).date().isoformat()
    assert entry["alternates"] == {
        "en": f"{BASE}/designs/{some.slug}/",
        "de": f"{BASE}/de/designs/{some.slug}/",
        "x-default": f"{BASE}/designs/{some.slug}/",
    }


def test_products_section_lists_products_on_sale_only(client):
    on_sale = make_product()
    make_product(status=ProductStatus.DRAFT)
    make_product(status=ProductStatus.RETIRED)
    removed = make_product()
    removed.design.moderation_removed = True
    removed.design.save()
    urls = _section(client, "products")
    assert set(urls) == {f"{BASE}/shop/{on_sale.slug}/", f"{BASE}/de/shop/{on_sale.slug}/"}
    assert all(entry["lastmod"] for entry in urls.values())


def test_makers_section_lists_makers_with_public_designs(client):
    shown = _maker("shown")
    make_design(maker=shown)
    only_drafts = _maker("drafts")
    make_design(maker=only_drafts, state=DesignState.DRAFT)
    not_a_maker = UserFactory(handle="member")
    make_design(maker=not_a_maker, state=DesignState.SUBMITTED)
    urls = _section(client, "makers")
    assert set(urls) == {f"{BASE}/makers/shown/", f"{BASE}/de/makers/shown/"}
    assert all(entry["lastmod"] for entry in urls.values())


def test_challenges_section(client):
    challenge = ChallengeFactory()
    urls = _section(client, "challenges")
    assert set(urls) == {f"{BASE}/challenges/{challenge.slug}/", f"{BASE}/de/challenges/{challenge.slug}/"}


def test_page_sections_list_live_public_pages_per_language(client):
    from wagtail.models import Locale

    home = home_page()
    about = publish(home.add_child(instance=StandardPage(title="About", slug="about")))
    draft = StandardPage(title="Draft", slug="draft", live=False)
    home.add_child(instance=draft)
    german_home = home.copy_for_translation(Locale.objects.get(language_code="de"))
    publish(german_home)
    german_about = about.copy_for_translation(Locale.objects.get(language_code="de"), copy_parents=True)
    german_about.title = "Über uns"
    publish(german_about)
    story_page = story_index()
    picks = collection([make_design(title="Alpha")])

    pages = _section(client, "pages")
    assert f"{BASE}/about/" in pages and f"{BASE}/de/about/" in pages
    assert f"{BASE}/draft/" not in pages
    assert pages[f"{BASE}/about/"]["alternates"] == {
        "en": f"{BASE}/about/",
        "de": f"{BASE}/de/about/",
        "x-default": f"{BASE}/about/",
    }
    assert pages[f"{BASE}/about/"]["lastmod"]
    assert f"{BASE}{story_page.url}" in pages
    assert set(_section(client, "collections")) == {f"{BASE}{picks.url}"}
    story = StoryPage(title="Meet Mira", slug="meet-mira", intro="Hello.")
    story_page.add_child(instance=story)
    story = publish(story)
    draft_story = StoryPage(title="Later", slug="later", intro="Soon.", live=False)
    story_page.add_child(instance=draft_story)
    assert set(_section(client, "stories")) == {f"{BASE}{story.url}"}


def test_robots_txt_allows_the_site_and_disallows_private_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    disallowed = {line.split(": ", 1)[1] for line in lines if line.startswith("Disallow: ")}
    for path in ("/search/", "/shop/cart/", "/shop/checkout/", "/account/", "/accounts/", "/dashboard/"):
        assert path in disallowed and f"/de{path}" in disallowed
    assert {"/admin/", "/django-admin/"} <= disallowed
    assert not any(path in disallowed for path in ("/", "/designs/", "/shop/", "/makers/", "/de/"))
    assert f"Sitemap: {BASE}/sitemap.xml" in lines


def test_old_design_slug_answers_301_and_removed_410_withdrawn_404(client):
    design = make_design(title="Fresh")
    DesignSlugHistory.objects.create(design=design, slug="old-name")
    response = client.get("/designs/old-name/")
    assert response.status_code == 301 and response["Location"] == design.get_absolute_url()
    response = client.get("/de/designs/old-name/")
    assert response.status_code == 301 and response["Location"] == f"/de/designs/{design.slug}/"

    removed = make_design(moderation_removed=True)
    assert client.get(removed.get_absolute_url()).status_code == 410
    withdrawn = make_design(state=DesignState.WITHDRAWN)
    assert client.get(withdrawn.get_absolute_url()).status_code == 404
