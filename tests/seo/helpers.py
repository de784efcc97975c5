"""Read a page the way a crawler does: its JSON-LD, head tags, breadcrumbs and visible text."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld(page: BeautifulSoup) -> list[dict]:
    return [json.loads(tag.string) for tag in page.find_all("script", type="application/ld+json")]


def of_type(page: BeautifulSoup, type_: str) -> dict:
    found = [data for data in json_ld(page) if data.get("@type") == type_]
    assert len(found) == 1, f"expected one {type_}, got {[d.get('@type') for d in json_ld(page)]}"
    assert found[0]["@context"] == "https://schema.org"
    return found[0]


def meta(page: BeautifulSoup, key: str) -> str:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    assert tag is not None, key
    return tag["content"]


def canonical(page: BeautifulSoup) -> str:
    links = page.find_all("link", rel="canonical")
    assert len(links) == 1
    return links[0]["href"]


def visible_text(page: BeautifulSoup) -> str:
    main = page.find("main")
    return re.sub(r"\s+", " ", main.get_text(" ")).strip()


def visible_breadcrumbs(page: BeautifulSoup) -> list[tuple[str, str]]:
    nav = page.find("nav", class_="breadcrumbs")
    assert nav is not None and nav.get("aria-label")
    return [(a.get_text(strip=True), a["href"]) for a in nav.find_all("a")]


def assert_breadcrumbs_match(page: BeautifulSoup) -> list[dict]:
    """The BreadcrumbList lists exactly the visible breadcrumb trail, in order, ending at the canonical URL."""
    data = of_type(page, "BreadcrumbList")
    items = data["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert [(item["name"], item["item"]) for item in items] == visible_breadcrumbs(page)
    assert items[-1]["item"] == canonical(page)
    return items


def assert_share_tags(page: BeautifulSoup, *, title: str, image: bool = True) -> None:
    assert meta(page, "og:title") == title
    assert meta(page, "twitter:title") == title
    assert meta(page, "og:url") == canonical(page)
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description and meta(page, "og:description") == description == meta(page, "twitter:description")
    assert len(description) <= 160
    if image:
        assert meta(page, "og:image").startswith("http")
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
        assert meta(page, "twitter:card") == "summary_large_image"
