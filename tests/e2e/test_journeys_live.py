"""A live drop in two browsers (and a third, logged-out viewer), on a real daphne process with websockets.

The host goes live and pins a product; the viewer sees the pin change without reloading, chats (the host
and the anonymous viewer see it without reloading), adds the pinned product to the cart, tips 5 EUR with
the test card (localstripe), and the tip shows in the chat and in the host's ledger.
"""

from __future__ import annotations

import os
import threading

import pytest

from live.models import ShowStatus
from tests.e2e.conftest import log_in, screenshot
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.live import make_show
from tests.security import live
from tests.shop import conftest as shop_fixtures

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

localstripe = shop_fixtures.localstripe


def _context(browser, site):
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    return context, tab


def _two_lines_at_once(show_id: int, author_id: int) -> None:
    """Save two chat lines back to back in a thread of its own (Playwright's loop runs in this one)."""
    from django.db import connection

    from accounts.models import User
    from live import services
    from live.models import LiveShow

    def post():
        try:
            show, author = LiveShow.objects.get(pk=show_id), User.objects.get(pk=author_id)
            services.chat_post(show=show, author=author, text="First of two")
            services.chat_post(show=show, author=author, text="Second of two")
        finally:
            connection.close()

    worker = threading.Thread(target=post)
    worker.start()
    worker.join(timeout=30)


def test_host_pins_viewer_chats_buys_and_tips(browser, localstripe, tmp_path):  # noqa: F811
    show = make_show(status=ShowStatus.SCHEDULED, slug="studio-drop", title="Studio drop")
    product = show.shelf.first().product
    viewer = UserFactory(email="viewer@example.org", handle="viewer")
    live.production_password(viewer, PASSWORD)
    live.production_password(show.host, PASSWORD)
    env = live.production_env(
        database_url=live.database_url_for_subprocess(tmp_path),
        media_root=tmp_path / "media",
        STRIPE_API_BASE=localstripe,
        STRIPE_SECRET_KEY=shop_fixtures.SECRET_KEY,
        STRIPE_PUBLISHABLE_KEY="pk_test_commonmade",
        STRIPE_WEBHOOK_SECRET=shop_fixtures.WEBHOOK_SECRET,
        SHOP_TEST_PAYMENTS="true",
        # With REDIS_URL (CI), the push channel runs over the Redis pub/sub layer, as in production.
        **({"REDIS_URL": os.environ["REDIS_URL"]} if os.environ.get("REDIS_URL") else {}),
        LIVE_PUSH_BATCH_MS="500",  # wide enough that the two lines below surely share a frame
    )
    with live.daphne(env, tmp_path=tmp_path) as site:
        host_context, host = _context(browser, site)
        viewer_context, fan = _context(browser, site)
        guest_context, guest = _context(browser, site)
        try:
            log_in(host, show.host.email, PASSWORD)
            host.goto(f"/live/{show.slug}/")
            with host.expect_navigation():
                host.click("button[data-action=start]")
            host.wait_for_selector("#live-show[data-connected=true]")

            log_in(fan, viewer.email, PASSWORD)
            frames: list[str] = []
            fan.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
            fan.goto(f"/live/{show.slug}/")
            fan.wait_for_selector("#live-show[data-connected=true]")
            guest.goto(f"/live/{show.slug}/")
            guest.wait_for_selector("#live-show[data-connected=true]")

            # The host pins: the viewer's page changes without a reload.
            host.locator(f".shelf__item[data-product-id='{product.pk}'] .pin-form button").click()
            fan.wait_for_selector(f".shelf__item--pinned[data-product-id='{product.pk}']", timeout=5000)
            assert f"Now showing: {product.title}" in fan.locator("[data-pinned-label]").inner_text()

            # The viewer chats: the host and a logged-out viewer see it without reloading.
            fan.fill("#chat-text", "Hello from the front row!")
            fan.press("#chat-text", "Enter")
            host.wait_for_selector(".chat-line:has-text('Hello from the front row!')", timeout=5000)
            guest.wait_for_selector(".chat-line:has-text('Hello from the front row!')", timeout=5000)

            if os.environ.get("REDIS_URL"):
                # Two lines saved at the same moment (here by this process, over the same Redis) reach the
                # viewers as one batched frame (live/fanout.py); the page unpacks it in order.
                _two_lines_at_once(show.pk, viewer.pk)
                fan.wait_for_selector(".chat-line:has-text('Second of two')", timeout=5000)
                assert any('"type":"batch"' in f and "First of two" in f and "Second of two" in f for f in frames)
                for tab in (fan, guest):
                    tab.wait_for_selector(".chat-line:has-text('Second of two')", timeout=5000)
                    lines = tab.locator(".chat-line").all_inner_texts()
                    first = next(i for i, t in enumerate(lines) if "First of two" in t)
                    assert "Second of two" in lines[first + 1]

            # The pinned product goes into the viewer's cart from the shelf.
            fan.locator(".shelf__item--pinned .buy-form button").click()
            fan.wait_for_selector(".shelf__item--pinned .form-status:has-text('Added to your cart')")

            # A 5 EUR tip with the test card: thanked in everyone's chat and in the host's ledger.
            with fan.expect_navigation():
                fan.click("#tips button[value='5.00']")
            with fan.expect_navigation():
                fan.click("button[value=pm_card_visa]")
            host.wait_for_selector(".chat-line--tip:has-text('@viewer tipped 5.00')", timeout=5000)
            assert "@viewer tipped 5.00" in fan.locator("[data-chat]").inner_text()
            # The tip count under "Tip the host" follows without a reload, for the host and a visitor.
            for tab in (host, guest):
                tab.wait_for_selector("[data-tip-count='1']:has-text('1 tip so far.')", timeout=5000)
            screenshot(host, "live-drop-host")
            host.goto("/dashboard/")
            assert "Tip from @viewer" in host.content()
        finally:
            host_context.close()
            viewer_context.close()
            guest_context.close()
