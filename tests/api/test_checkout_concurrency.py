"""Placing an order with one Idempotency-Key from many connections at once makes one order (PostgreSQL)."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from api import services as api_services
from shop.cart import MemberCart
from shop.models import Order
from shop.services.cart import cart_add
from tests.factories.shop import GERMAN_ADDRESS, make_product
from tests.factories.voting import VoterFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_eight_retries_at_once_with_one_key_make_one_order(postgres_only, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 10_000
    member = VoterFactory()
    variant = make_product(stock=10).variants.get()
    cart_add(cart=MemberCart(member), user=member, variant=variant, quantity=1)
    _record, raw = api_services.token_create(user=member, name="Phone")
    barrier = threading.Barrier(8)
    answers, errors = [], []

    def place():
        try:
            barrier.wait(timeout=30)
            response = Client().post(
                "/api/v1/checkout/order/",
                json.dumps({"address": GERMAN_ADDRESS, "accept_terms": True}),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {raw}",
                HTTP_IDEMPOTENCY_KEY="same-key",
            )
            answers.append((response.status_code, response.json().get("number")))
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=place) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert Order.objects.filter(user=member).count() == 1
    number = Order.objects.get(user=member).number
    assert {status for status, _ in answers} <= {200, 201}
    assert {n for _, n in answers} == {number} and len(answers) == 8
