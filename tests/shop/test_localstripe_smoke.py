import pytest

from shop import gateway
from tests.shop.conftest import charge_id, ls_get


def test_payment_intent_lifecycle_against_localstripe(stripe_on):
    """Create, confirm with a test card and refund, all through localstripe's HTTP API."""
    intent = gateway.intent_create(amount_cents=2500, order_number="T1", manual_capture=False, idempotency_key="k1")
    assert intent.status == "requires_payment_method"
    confirmed = gateway.intent_test_confirm(intent_id=intent.id, idempotency_key="k2")
    assert confirmed.status == "succeeded"
    gateway.refund_create(intent_id=intent.id, amount_cents=1000, idempotency_key="k3")
    charge = ls_get(stripe_on, f"/v1/charges/{charge_id(confirmed.latest_charge)}")
    assert charge["amount_refunded"] == 1000


@pytest.mark.parametrize("capture", [True, False])
def test_manual_capture_and_cancel(stripe_on, capture):
    intent = gateway.intent_create(amount_cents=900, order_number="T2", manual_capture=True, idempotency_key="k")
    assert gateway.intent_test_confirm(intent_id=intent.id, idempotency_key="c").status == "requires_capture"
    if capture:
        assert gateway.intent_capture(intent_id=intent.id, idempotency_key="cap").status == "succeeded"
    else:
        assert gateway.intent_cancel(intent_id=intent.id, idempotency_key="can").status == "canceled"
    assert ls_get(stripe_on, f"/v1/payment_intents/{intent.id}")["status"] == ("succeeded" if capture else "canceled")
