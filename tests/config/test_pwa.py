"""Manifest, service worker, offline page and share target, as served."""

import pytest

pytestmark = pytest.mark.django_db


def test_manifest(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["name"] == "Commonmade" and data["display"] == "standalone"
    assert data["share_target"]["action"] == "/share/"
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_pages_link_the_manifest_and_load_the_registration_script(client):
    html = client.get("/designs/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert "js/pwa.js" in html


def test_service_worker_caches_the_shell_but_no_page(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    script = response.content.decode()
    assert '"/offline/"' in script and "css/site.css" in script
    for private in ("/account", "/shop/cart", "/shop/checkout", "/api/"):
        assert f'"{private}' not in script


def test_offline_page_is_the_same_for_everyone(client, django_user_model):
    anonymous = client.get("/offline/").content.decode()
    from tests.factories.accounts import UserFactory

    member = UserFactory()
    client.force_login(member)
    assert client.get("/offline/").content.decode() == anonymous
    assert member.handle not in anonymous


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ({"url": "http://testserver/designs/a-design/"}, "http://testserver/designs/a-design/"),
        ({"text": "Look: http://testserver/shop/p/x/"}, "http://testserver/shop/p/x/"),
        ({"url": "https://elsewhere.example/x", "title": "Poster"}, "/search/?q=Poster"),
        ({}, "/"),
    ],
)
def test_share_target_opens_our_links_and_searches_the_rest(client, query, location):
    response = client.get("/share/", query)
    assert response.status_code == 302 and response["Location"] == location
