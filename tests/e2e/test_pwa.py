"""The installable web app in Chromium: manifest linked, service worker registered and in control,
the offline page served with the network cut, and no page (personal or not) in the cache."""

from __future__ import annotations

import pytest

from tests.factories.designs import DesignFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_manifest_service_worker_and_offline_page(page, live_server):
    design = DesignFactory()
    page.goto("/designs/")
    href = page.get_attribute("link[rel=manifest]", "href")
    assert href == "/manifest.webmanifest"
    manifest = page.evaluate("async (url) => (await fetch(url)).json()", href)
    assert manifest["display"] == "standalone" and manifest["start_url"].startswith("/")
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])

    state = page.evaluate(
        "async () => { const r = await navigator.serviceWorker.ready; return r.active && r.active.scriptURL; }"
    )
    assert state.endswith("/sw.js")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    page.context.set_offline(True)
    try:
        page.goto(f"/designs/{design.slug}/")
        assert page.locator("h1").inner_text() == "You are offline"
    finally:
        page.context.set_offline(False)
    page.goto("/designs/")
    assert page.locator("h1").count() and page.locator("h1").first.inner_text() != "You are offline"

    cached = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
            }
            return urls;
        }"""
    )
    assert "/offline/" in cached
    pages = [url for url in cached if not url.startswith("/static/") and url != "/offline/"]
    assert pages == []


def test_api_docs_render_under_the_content_security_policy(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    errors = []
    tab.on(
        "console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None
    )
    try:
        tab.goto("/api/v1/docs/")
        tab.wait_for_selector("text=/api/v1/designs/", timeout=15_000)
        assert errors == []
    finally:
        context.close()
