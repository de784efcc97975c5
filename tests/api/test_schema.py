"""The OpenAPI document is fetched over HTTP and checked against the OpenAPI 3 specification."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_schema_is_a_valid_openapi_3_document(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/v1/designs/",
        "/api/v1/designs/{slug}/",
        "/api/v1/designs/{slug}/vote/",
        "/api/v1/designs/{slug}/comments/",
        "/api/v1/challenges/{slug}/",
        "/api/v1/products/{slug}/",
        "/api/v1/products/{slug}/reviews/",
        "/api/v1/makers/{handle}/follow/",
        "/api/v1/search/",
        "/api/v1/search/suggest/",
        "/api/v1/me/orders/",
        "/api/v1/cart/",
        "/api/v1/cart/items/",
        "/api/v1/cart/items/{variant_id}/",
        "/api/v1/checkout/quote/",
        "/api/v1/checkout/order/",
        "/api/v1/me/orders/{number}/payment/",
        "/api/v1/me/orders/{number}/test-payment/",
        "/api/v1/live/",
        "/api/v1/live/{slug}/",
        "/api/v1/live/{slug}/shelf/",
        "/api/v1/live/{slug}/chat/",
    ):
        assert path in paths, path


def test_errors_are_documented_as_problem_details(client):
    schema = client.get("/api/v1/schema/").json()
    vote = schema["paths"]["/api/v1/designs/{slug}/vote/"]["post"]
    assert set(vote["responses"]) >= {"200", "400", "401", "403", "404", "429"}
    assert "application/problem+json" in vote["responses"]["403"]["content"]
    assert {"TokenAuth", "CsrfSessionAuth"} <= set(schema["components"]["securitySchemes"])


def test_checkout_documents_the_idempotency_key_and_its_conflicts(client):
    schema = client.get("/api/v1/schema/").json()
    place = schema["paths"]["/api/v1/checkout/order/"]["post"]
    header = next(p for p in place["parameters"] if p["in"] == "header")
    assert header["name"] == "Idempotency-Key" and header["required"]
    assert set(place["responses"]) >= {"200", "201", "400", "401", "409", "429"}
    pay = schema["paths"]["/api/v1/me/orders/{number}/test-payment/"]["post"]
    assert set(pay["responses"]) >= {"402", "403", "409", "503"}


def test_browsable_docs_are_served_from_this_site(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/schema/" in html
    assert "cdn" not in html.lower()
