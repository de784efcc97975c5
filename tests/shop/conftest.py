"""localstripe as a real HTTP server for the shop tests: one per test run, loopback only, own state file."""

from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import sys
import time

import pytest
import requests

from tests.security import live

SECRET_KEY = "sk_test_commonmade_localstripe"
WEBHOOK_SECRET = "whsec_commonmade_test"


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory):
    port = live.free_port()
    state = tmp_path_factory.mktemp("localstripe") / "state.pickle"
    proc = subprocess.Popen(
        [sys.executable, "-m", "shop.localstripe_server", "--port", str(port), "--state", str(state)],
        cwd=live.ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            requests.get(f"{base}/v1/customers", auth=(SECRET_KEY, ""), timeout=1)
        except requests.ConnectionError:
            return False
        return True

    live.wait_until(answers, process=proc, timeout=60, what="localstripe", log=lambda: proc.stderr.read().decode())
    yield base
    live.stop(proc, grace=10)


@pytest.fixture
def stripe_on(settings, localstripe):
    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_commonmade"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.SHOP_TEST_PAYMENTS = True
    return localstripe


def ls_get(base: str, path: str) -> dict:
    """Read an object straight from localstripe, to check its side of a payment."""
    response = requests.get(f"{base}{path}", auth=(SECRET_KEY, ""), timeout=5)
    response.raise_for_status()
    return response.json()


def charge_id(latest_charge) -> str:
    """localstripe expands latest_charge into the charge object; Stripe sends its id."""
    return latest_charge if isinstance(latest_charge, str) else latest_charge["id"]


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """Stripe's signature scheme: HMAC-SHA256 over "<timestamp>.<payload>"."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post_event(client, event: dict, secret: str = WEBHOOK_SECRET):
    payload = json.dumps(event).encode()
    return client.post(
        "/shop/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, secret),
    )


def event_for(obj: dict, type_: str, event_id: str) -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": type_,
        "created": int(time.time()),
        "api_version": "2017-08-15",
        "data": {"object": obj},
    }
