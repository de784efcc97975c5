"""Content-Security-Policy on every kind of page; Stripe's origins on the payment page only.

Before the fix no page sent a Content-Security-Policy header.
"""

from __future__ import annotations

import re

import pytest

from shop.models import Order
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.editorial import staff_user
from tests.factories.shop import checkout_post, make_product
from tests.shop.conftest import localstripe, stripe_on  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.security_category("deployment"), pytest.mark.django_db]

STRIPE = ("js.stripe.com", "api.stripe.com", "hooks.stripe.com")


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in filter(None, (p.strip() for p in header.split(";"))):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def pages(client):
    maker = UserFactory(handle="cspmaker")
    design = DesignFactory(maker=maker, slug="csp-design")
    product = make_product()
    return {
        "home": "/",
        "home (German)": "/de/",
        "design list": "/designs/",
        "design": f"/designs/{design.slug}/",
        "shop": "/shop/",
        "product": f"/shop/{product.slug}/",
        "cart": "/shop/cart/",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
        "search": "/search/?q=design",
        "challenges": "/challenges/",
        "trending": "/trending/",
        "member": f"/members/{maker.handle}/",
        "moderation log": "/moderation/",
        "storefront": f"/makers/{maker.handle}/",
        "not found": "/no-such-page/",
        "Django admin login": "/django-admin/login/",
    }


def _assert_strict(response, name: str) -> None:
    directives = policy(response)
    assert directives, f"{name}: no Content-Security-Policy"
    assert directives["script-src"] == ["'self'"], name
    assert directives["style-src"] == ["'self'"], name
    assert directives["object-src"] == ["'none'"], name
    assert directives["frame-ancestors"] == ["'none'"], name
    assert directives["base-uri"] == ["'self'"], name
    header = response.headers["Content-Security-Policy"]
    assert not any(origin in header for origin in STRIPE), name
    assert "unsafe-inline" not in header and "unsafe-eval" not in header, name


def _assert_other_headers(response, name: str) -> None:
    assert response.headers["X-Frame-Options"] == "DENY", name
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", name
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin", name
    assert response.headers["X-Content-Type-Options"] == "nosniff", name


def _no_inline_script(html: str, name: str) -> None:
    for tag, body in re.findall(r"(<script\b[^>]*>)(.*?)</script>", html, flags=re.S | re.I):
        if "application/ld+json" in tag or "application/json" in tag:
            continue  # a data block, not script: the browser never runs it
        assert "src=" in tag and not body.strip(), f"{name}: inline script {tag}{body[:80]}"
    assert not re.search(r"\son[a-z]+\s*=", re.sub(r"<script.*?</script>", "", html, flags=re.S)), (
        f"{name}: inline event handler"
    )
    assert not re.search(r'href="javascript:', html, flags=re.I), f"{name}: javascript: link"


def test_every_kind_of_page_sends_the_strict_policy(client, pages):
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code in (200, 404), (name, response.status_code)
        _assert_strict(response, name)
        _assert_other_headers(response, name)
        _no_inline_script(response.content.decode(), name)


def test_logged_in_pages_send_the_strict_policy(client, pages):
    member = UserFactory()
    client.force_login(member)
    logged_in = {name: path for name, path in pages.items() if name not in ("login", "signup")}
    for name, path in {**logged_in, "feed": "/feed/", "account": "/account/", "orders": "/account/orders/"}.items():
        response = client.get(path)
        assert response.status_code in (200, 404), (name, response.status_code)
        _assert_strict(response, name)
        _no_inline_script(response.content.decode(), name)


def test_editor_pages_and_the_health_check_send_a_policy(client):
    client.force_login(staff_user("Editors", "Moderators"))
    for path in ["/admin/login/", "/admin/", "/admin/designs/review/", "/healthz"]:
        response = client.get(path)
        assert response.status_code in (200, 302), path
        directives = policy(response)
        assert directives["object-src"] == ["'none'"], path
        assert directives["frame-ancestors"] == ["'none'"], path
        if path.startswith("/admin/"):
            # Wagtail's own admin templates carry inline scripts: allowed there, and only there.
            assert directives["script-src"] == ["'self'", "'unsafe-inline'"], path


def test_only_the_payment_page_allows_stripe(client, settings, stripe_on):  # noqa: F811
    settings.SHOP_TEST_PAYMENTS = False  # the real Payment Element path: Stripe.js is loaded
    buyer = UserFactory()
    client.force_login(buyer)
    product = make_product()
    client.post("/shop/cart/add/", {"variant": product.variants.get().pk, "quantity": 1})
    checkout_post(client)
    order = Order.objects.get(user=buyer)

    response = client.get(f"/shop/orders/{order.number}/pay/")
    assert response.status_code == 200
    directives = policy(response)
    assert "https://js.stripe.com" in directives["script-src"]
    assert "https://api.stripe.com" in directives["connect-src"]
    assert "https://hooks.stripe.com" in directives["frame-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert 'src="https://js.stripe.com/v3/"' in response.content.decode()
    _no_inline_script(response.content.decode(), "payment page")

    for path in ["/shop/cart/", order.get_absolute_url(), "/"]:
        header = client.get(path).headers["Content-Security-Policy"]
        assert not any(origin in header for origin in STRIPE), path
