"""One safe-redirect helper for the whole site: only this host, never another site."""

import pytest
from django.test import RequestFactory

from core.http import safe_next_url, wants_json
from tests.factories.shop import make_product

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "https:evil.example",
    "/ok\x00",
    "",
    None,
]


@pytest.mark.parametrize("url", HOSTILE)
def test_foreign_or_broken_targets_fall_back(url):
    request = RequestFactory().get("/")
    assert safe_next_url(request, url, fallback="/home/") == "/home/"


def test_first_safe_candidate_wins():
    request = RequestFactory().get("/")
    assert safe_next_url(request, "https://evil.example/", "/designs/", fallback="/") == "/designs/"
    assert safe_next_url(request, "http://testserver/shop/", fallback="/") == "http://testserver/shop/"


def test_wants_json_follows_the_accept_header():
    assert wants_json(RequestFactory().get("/", HTTP_ACCEPT="application/json"))
    assert not wants_json(RequestFactory().get("/", HTTP_ACCEPT="text/html"))


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/steal", "//evil.example/"])
def test_cart_add_error_path_is_not_an_open_redirect(client, target):
    variant = make_product(stock=1).variants.get()
    response = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": "abc", "next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"] == "/shop/cart/"
