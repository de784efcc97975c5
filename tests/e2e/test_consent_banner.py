"""The referral consent banner on a phone (390 px): it never covers the page's main action, and
"Allow" without JavaScript-only tricks sets the referral cookie (a plain form POST)."""

from __future__ import annotations

import pytest

from core import consent
from shop import referrals
from tests.e2e.conftest import axe_violations
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.shop import make_product

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _covered(tab, selector: str) -> bool:
    """Whether something else is drawn on top of the centre of `selector` (after scrolling it into view)."""
    element = tab.locator(selector)
    element.scroll_into_view_if_needed()
    return tab.evaluate(
        """(sel) => {
            const el = document.querySelector(sel);
            const r = el.getBoundingClientRect();
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return !(top === el || el.contains(top));
        }""",
        selector,
    )


def test_banner_leaves_the_buy_button_free_on_a_phone_and_allow_sets_the_referral(phone):
    UserFactory(handle="mira-e2e")
    design = DesignFactory(title="Paper Boats", slug="paper-boats", state="on_sale")
    product = make_product(design=design, price="25.00", stock=3)

    phone.goto(f"{product.get_absolute_url()}?ref=mira-e2e")
    banner = phone.locator("[data-consent-banner]")
    banner.wait_for()
    assert phone.get_by_role("region", name="A cookie for the member who shared this link?").is_visible()
    buy = ".buy-form button[type=submit]"
    assert not _covered(phone, buy)
    # In the page flow, not fixed over it: the banner's box and the button's never overlap.
    box, button = banner.bounding_box(), phone.locator(buy).bounding_box()
    assert box["y"] + box["height"] <= button["y"] or button["y"] + button["height"] <= box["y"]
    assert phone.evaluate("getComputedStyle(document.querySelector('[data-consent-banner]')).position") == "static"
    assert referrals.COOKIE not in {c["name"] for c in phone.context.cookies()}
    assert not [v for v in axe_violations(phone) if "consent" in str(v).lower()]

    phone.get_by_role("button", name="Allow").click()
    phone.wait_for_load_state()
    names = {c["name"]: c["value"] for c in phone.context.cookies()}
    assert names.get(consent.COOKIE) == consent.YES and referrals.COOKIE in names
    assert phone.locator("[data-consent-banner]").count() == 0
    assert not _covered(phone, buy)
