""" "Set up or update payouts" never answers 500: Stripe refusing (localstripe has no Connect) or down.

localstripe is the real server `make run` starts; it answers /v1/accounts with an error, as Stripe
would a request it refuses. The closed port is Stripe down.
"""

import socket

import pytest

from makers.models import ConnectAccount
from tests.factories.designs import make_design
from tests.shop import conftest as shop_fixtures

pytestmark = pytest.mark.django_db

localstripe = shop_fixtures.localstripe
stripe_on = shop_fixtures.stripe_on


@pytest.fixture
def maker(client):
    design = make_design()
    client.force_login(design.maker)
    return design.maker


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_payout_set_up_under_localstripe_explains_instead_of_500(client, maker, stripe_on):
    response = client.post("/makers/payouts/connect/", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [("/dashboard/", 302)]
    assert "Payout set-up is not available right now" in _messages(response)
    assert not ConnectAccount.objects.filter(maker=maker).exists()


def test_payout_set_up_with_stripe_down_explains_instead_of_500(client, maker, stripe_on, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed}"

    response = client.post("/makers/payouts/connect/", follow=True)

    assert response.redirect_chain == [("/dashboard/", 302)]
    assert "Payout set-up is not available right now" in _messages(response)
    assert not ConnectAccount.objects.filter(maker=maker).exists()
