"""Journeys 2, 7 and 8, and accessibility on the design and maker pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from designs.models import Design
from tests.e2e.conftest import axe_violations, log_in, screenshot
from tests.factories import images as img
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import DesignFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_maker_uploads_editor_approves_design_appears_in_voting(page, tmp_path):
    maker = UserFactory(email="e2e.maker@example.org", handle="e2e-maker")
    editor = UserFactory(email="e2e.editor@example.org", handle="e2e-editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    artwork = tmp_path / "harbour.png"
    artwork.write_bytes(img.png_with_gps(1300, 1300))

    log_in(page, maker.email, PASSWORD)
    page.goto("/designs/submit/")
    page.fill("#id_title", "Harbour at Night")
    page.fill("#id_description", "Boats asleep in the harbour.")
    page.select_option("#id_category", label="Poster")
    page.fill("#id_tags", "harbour, night")
    page.set_input_files("#id_images", str(artwork))
    page.check("#id_rights_confirmed")
    with page.expect_navigation():
        page.click("button[name=submit_review]")
    assert page.url.endswith("/designs/harbour-at-night/")
    assert page.locator(".design__info .badge--accent").inner_text() == "Submitted"

    page.context.clear_cookies()
    log_in(page, editor.email, PASSWORD)
    page.goto("/admin/designs/review/")
    row = page.locator("tr", has_text="Harbour at Night")
    with page.expect_navigation():
        row.get_by_role("button", name="Approve").click()
    assert Design.objects.get(slug="harbour-at-night").state == "approved"

    page.context.clear_cookies()
    page.goto("/designs/harbour-at-night/")
    assert page.locator(".design__info .badge--accent").inner_text() == "In voting"
    page.goto("/designs/?state=approved")
    assert page.get_by_role("link", name="Harbour at Night").count() == 1


def test_language_switch_turns_the_site_german_and_back(page):
    page.goto("/designs/")
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation():
        page.click(".language-switcher button[value=de]")
    assert page.locator("html").get_attribute("lang") == "de"
    assert "/de/designs/" in page.url
    with page.expect_navigation():
        page.click(".language-switcher button[value=en]")
    assert page.locator("html").get_attribute("lang") == "en", page.url
    assert "/de/" not in page.url


def _no_horizontal_scroll(tab) -> bool:
    # A phone widens its layout viewport to the content (innerWidth grows too): compare with the screen.
    return tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]


def test_key_pages_fit_a_phone_without_horizontal_scrolling(phone):
    design = DesignFactory(title="A rather long design title that has to wrap on a small screen")
    pages = {
        "home": "/",
        "designs": "/designs/",
        "design": design.get_absolute_url(),
        "maker": f"/makers/{design.maker.handle}/",
        "makers": "/makers/",
        "signup": "/accounts/signup/",
    }
    for name, path in pages.items():
        phone.goto(path)
        screenshot(phone, f"phone-{name}")
        assert _no_horizontal_scroll(phone), f"{name} scrolls sideways at 390 px"


@pytest.mark.parametrize("which", ["home", "design", "maker", "designs"])
def test_pages_have_no_serious_accessibility_violations(page, which):
    design = DesignFactory(title="Accessible design")
    path = {
        "home": "/",
        "design": design.get_absolute_url(),
        "maker": f"/makers/{design.maker.handle}/",
        "designs": "/designs/",
    }[which]
    page.goto(path)
    assert axe_violations(page) == []
