"""In Chromium, the main pages run under the Content-Security-Policy without a single violation.

The page listens for `securitypolicyviolation` events and the console for CSP reports while a
visitor, a member (voting through the JavaScript path) and an editor walk the site.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import log_in
from tests.factories.accounts import PASSWORD
from tests.factories.designs import DesignFactory
from tests.factories.editorial import staff_user
from tests.factories.shop import make_product
from tests.factories.voting import VoterFactory

# Lives with the browser tests: one Playwright per test process (tests/e2e/conftest.py), and
# counts in the security catalogue through its category.
pytestmark = [pytest.mark.security_category("deployment"), pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def strict_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_init_script(LISTEN)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    reports = []
    tab.on(
        "console", lambda message: reports.append(message.text) if "Content Security Policy" in message.text else None
    )
    tab.reports = reports
    yield tab
    context.close()


def _visit(page, path: str) -> list[str]:
    response = page.goto(path)
    assert response.status < 500, (path, response.status)
    page.wait_for_load_state("load")
    return [f"{path}: {v}" for v in page.evaluate("window.__cspViolations")]


def test_main_pages_report_no_csp_violation(strict_page, live_server):
    page = strict_page
    voter = VoterFactory(email="csp-voter@example.org")
    design = DesignFactory(slug="csp-browser-design")
    product = make_product()
    editor = staff_user("Editors", "Moderators", email="csp-editor@example.org")
    visitor_pages = [
        "/",
        "/de/",
        "/designs/",
        f"/designs/{design.slug}/",
        "/shop/",
        f"/shop/{product.slug}/",
        "/shop/cart/",
        "/search/?q=design",
        "/challenges/",
        "/trending/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    violations = []
    for path in visitor_pages:
        violations += _visit(page, path)

    log_in(page, voter.email, PASSWORD)
    violations += _visit(page, f"/designs/{design.slug}/")
    # The vote widget's JavaScript path: fetch, then the panel replaced in place.
    page.check(".vote-form input[name=score][value='4']")
    page.click(".vote-form button[type=submit]:not([name=action])")
    page.locator("[data-vote-panel] [data-votes]").filter(has_text=re.compile(r"^\s*1\s*$")).wait_for()
    violations += [f"vote: {v}" for v in page.evaluate("window.__cspViolations")]
    for path in ["/feed/", "/account/", "/shop/cart/"]:
        violations += _visit(page, path)

    page.context.clear_cookies()
    log_in(page, editor.email, PASSWORD)
    for path in ["/admin/", "/admin/designs/review/", "/admin/pages/"]:
        violations += _visit(page, path)

    assert violations == []
    assert page.reports == []
