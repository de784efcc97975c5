"""Footer links and legal pages come from a site setting editors change in Wagtail, cached per language."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.links import footer_links, legal_url
from core.models import SiteLinks
from editorial.models import StandardPage
from tests.factories.editorial import home_page
from tests.factories.site_settings import set_site_setting

pytestmark = pytest.mark.django_db


def standard_page(slug: str, title: str) -> StandardPage:
    page = home_page().add_child(instance=StandardPage(title=title, slug=slug, intro="."))
    page.save_revision().publish()
    return page


def footer(client, path: str = "/designs/") -> list[tuple[str, str]]:
    html = client.get(path).content.decode()
    return [(a.get_text(), a["href"]) for a in BeautifulSoup(html, "html.parser").select(".site-footer nav a")]


def test_the_footer_shows_the_links_editors_chose_in_their_order(client):
    agb = standard_page("agb-2026", "General terms")
    set_site_setting(
        SiteLinks,
        footer_links=[
            ("link", {"url": "/how-voting-works/", "label": "How voting works"}),
            ("page", {"page": agb, "label": ""}),
            ("page", {"page": agb, "label": "Terms"}),
            ("link", {"url": "https://status.example.org/", "label": "Status"}),
        ],
    )
    assert footer(client) == [
        ("How voting works", "/how-voting-works/"),
        ("General terms", "/agb-2026/"),
        ("Terms", "/agb-2026/"),
        ("Status", "https://status.example.org/"),
    ]
    german = dict(footer(client, "/de/designs/"))
    assert german["So funktioniert die Abstimmung"] == "/de/how-voting-works/"
    assert german["AGB"] == "/agb-2026/"  # no German translation of the page: the English one


def test_an_unpublished_page_leaves_the_footer_and_a_changed_setting_shows_at_once(client):
    about = standard_page("about-us", "About us")
    set_site_setting(SiteLinks, footer_links=[("page", {"page": about, "label": ""})])
    assert footer(client) == [("About us", "/about-us/")]
    about.unpublish()
    assert footer(client) == []
    set_site_setting(SiteLinks, footer_links=[("link", {"url": "/faq/", "label": "FAQ"})])
    assert footer(client) == [("FAQ", "/faq/")]


def test_without_chosen_links_the_footer_has_the_standard_pages(client):
    links = footer(client)
    assert ("Imprint", "/imprint/") in links and ("How voting works", "/how-voting-works/") in links
    assert ("Impressum", "/de/imprint/") in footer(client, "/de/designs/")


def test_the_checkout_and_price_notes_link_the_chosen_legal_pages():
    assert legal_url("terms") == "/terms/"
    with translation.override("de"):
        assert legal_url("terms") == "/de/terms/"
    set_site_setting(SiteLinks, terms_page=standard_page("conditions", "Conditions"))
    assert legal_url("terms") == "/conditions/"
    assert legal_url("shipping") == "/shipping/"


def test_the_footer_costs_no_query_once_resolved():
    set_site_setting(SiteLinks, footer_links=[("page", {"page": standard_page("imprint", "Imprint"), "label": ""})])
    assert footer_links() == [{"url": "/imprint/", "label": "Imprint"}]
    with CaptureQueriesContext(connection) as queries:
        assert footer_links() == [{"url": "/imprint/", "label": "Imprint"}]
        assert legal_url("privacy") == "/privacy/"
    assert len(queries) == 0
