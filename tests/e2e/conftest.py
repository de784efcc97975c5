"""Browser tests: Playwright driving Debian's Chromium against a live server.

In CI (CI=true) a missing browser fails the run; on a developer machine the
tests are skipped with a message that says how to install it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).parent / "artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
INSTALL_HINT = "install Debian's Chromium: apt-get install chromium chromium-driver"

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests
# themselves are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _browser_problem() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"no browser at {CHROMIUM}: {INSTALL_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: make setup installs it"
    return None


def pytest_collection_modifyitems(config, items):
    problem = _browser_problem()
    e2e_items = [item for item in items if "tests/e2e/" in str(item.fspath)]
    for item in e2e_items:
        item.add_marker(pytest.mark.e2e)
    if problem is None or not e2e_items:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"browser tests cannot run in CI: {problem}")
    for item in e2e_items:
        item.add_marker(pytest.mark.skip(reason=problem))


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # The data serialized_rollback restores (categories, groups from data migrations) is kept on
    # this thread's connection objects. Once Playwright's event loop runs in this thread, Django
    # hands out other connection objects (context-local ones), which would not have it: copy it over.
    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            if contents is not None and not hasattr(connections[alias], "_test_serialized_contents"):
                connections[alias]._test_serialized_contents = contents
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()
        connections.close_all()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp: axe-core is injected as an inline script; tests/e2e/test_csp_browser.py checks the policy.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        bypass_csp=True,
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def log_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")


def axe_violations(page) -> list[dict]:
    """Serious and critical accessibility violations on the current page."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run npm ci (make setup does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


GERMAN_ADDRESS = {
    "Full name": "Erika Mustermann",
    "Street and number": "Hauptstraße 5",
    "Postcode": "10115",
    "City": "Berlin",
}


def place_order(page, *, email: str | None = None, address: dict | None = None, country: str = "DE") -> None:
    """On the checkout page: email (guests), a delivery address, the terms; then "Order and pay"."""
    if email is not None:
        page.get_by_label("Email").fill(email)
    saved = page.locator("input[name=saved_address][value=new]")
    if saved.count():
        saved.check()
    for label, value in (address or GERMAN_ADDRESS).items():
        page.get_by_label(label, exact=False).first.fill(value)
    if page.locator("select[name=country]").input_value() != country:
        with page.expect_navigation():
            page.locator("select[name=country]").select_option(country)  # updates shipping and totals
    page.locator("input[name=accept_terms]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Order and pay").click()
