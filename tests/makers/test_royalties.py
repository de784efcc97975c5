"""The royalty ledger follows the shop's signals; payouts and Connect onboarding speak Stripe's API.

localstripe has no Connect endpoints (accounts, account links, transfers), so those calls are tested
at the HTTP layer: a small local HTTP server records what stripe-python sends and answers with
objects shaped like Stripe's API reference.
"""

import json
from decimal import Decimal
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

import pytest
from django.core.management import call_command
from django.utils import timezone

from makers.models import ConnectAccount, Payout, PayoutStatus, RoyaltyEntry
from makers.selectors import royalty_entries, royalty_summary
from makers.services import connect_onboarding_link, payout_run
from shop.models import Order, OrderLine, OrderStatus
from shop.signals import order_paid, order_refunded
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product
from tests.security.live import http_server

pytestmark = pytest.mark.django_db


class StripeRecorder(BaseHTTPRequestHandler):
    requests: list = []
    fail_transfers = False

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"] or 0)).decode()
        form = parse_qs(body)
        self.requests.append({"path": self.path, "form": form, "headers": dict(self.headers)})
        if self.path == "/v1/accounts":
            payload = {"id": "acct_1Test", "object": "account", "type": "express", "email": form["email"][0]}
        elif self.path == "/v1/account_links":
            payload = {
                "object": "account_link",
                "url": "https://connect.stripe.com/setup/e/acct_1Test/abc",
                "expires_at": 1900000000,
                "created": 1800000000,
            }
        elif self.path == "/v1/transfers":
            if self.fail_transfers:
                self._send(402, {"error": {"type": "invalid_request_error", "message": "Insufficient funds"}})
                return
            payload = {
                "id": "tr_1Test",
                "object": "transfer",
                "amount": int(form["amount"][0]),
                "currency": "eur",
                "destination": form["destination"][0],
            }
        else:
            self._send(404, {"error": {"type": "invalid_request_error", "message": "no such path"}})
            return
        self._send(200, payload)

    def _send(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def stripe_recorder(settings):
    StripeRecorder.requests = []
    StripeRecorder.fail_transfers = False
    with http_server(StripeRecorder) as url:
        settings.STRIPE_API_BASE = url
        settings.STRIPE_SECRET_KEY = "sk_test_recorder"
        yield StripeRecorder


def _paid_order(product, quantity=2):
    buyer = UserFactory()
    order = Order.objects.create(
        user=buyer, email=buyer.email, total=product.price * quantity, status=OrderStatus.PAID, paid_at=timezone.now()
    )
    variant = product.variants.first()
    OrderLine.objects.create(
        order=order,
        product=product,
        variant=variant,
        title=product.title,
        sku=variant.sku,
        unit_price=product.price,
        quantity=quantity,
        royalty_share=product.royalty_share,
    )
    return order


def test_order_paid_signal_writes_one_entry_per_line_once():
    product = make_product(price="20.00", royalty_share="0.15")
    order = _paid_order(product, quantity=3)
    order_paid.send(sender=Order, order=order)
    order_paid.send(sender=Order, order=order)
    maker = product.design.maker
    assert RoyaltyEntry.objects.filter(maker=maker).count() == 1
    assert royalty_summary(maker=maker) == {
        "earned": Decimal("9.00"),
        "paid_out": Decimal("0.00"),
        "balance": Decimal("9.00"),
    }
    order_refunded.send(sender=Order, order=order)
    order_refunded.send(sender=Order, order=order)
    assert royalty_summary(maker=maker)["balance"] == Decimal("0.00")
    assert len(list(royalty_entries(maker=maker))) == 2


def test_connect_onboarding_creates_an_express_account_once(stripe_recorder):
    maker = make_product().design.maker
    url = connect_onboarding_link(maker=maker, return_url="https://site/r", refresh_url="https://site/f")
    assert url.startswith("https://connect.stripe.com/")
    connect_onboarding_link(maker=maker, return_url="https://site/r", refresh_url="https://site/f")
    paths = [r["path"] for r in stripe_recorder.requests]
    assert paths == ["/v1/accounts", "/v1/account_links", "/v1/account_links"]
    account = stripe_recorder.requests[0]
    assert account["form"]["type"] == ["express"] and account["form"]["email"] == [maker.email]
    assert account["form"]["capabilities[transfers][requested]"] == ["true"]
    assert account["headers"]["Idempotency-Key"] == f"connect-account-{maker.pk}"
    link = stripe_recorder.requests[1]["form"]
    assert link == {
        "account": ["acct_1Test"],
        "refresh_url": ["https://site/f"],
        "return_url": ["https://site/r"],
        "type": ["account_onboarding"],
    }
    assert ConnectAccount.objects.get(maker=maker).stripe_account_id == "acct_1Test"


def test_monthly_payout_transfers_the_balance_once(stripe_recorder):
    product = make_product(price="50.00", royalty_share="0.20")
    maker = product.design.maker
    order_paid.send(sender=Order, order=_paid_order(product, quantity=2))  # 20.00 EUR
    ConnectAccount.objects.create(maker=maker, stripe_account_id="acct_1Test")
    call_command("pay_royalties", "--period", "2026-04")
    call_command("pay_royalties", "--period", "2026-04")
    transfers = [r for r in stripe_recorder.requests if r["path"] == "/v1/transfers"]
    assert len(transfers) == 1
    form = transfers[0]["form"]
    assert form["amount"] == ["2000"] and form["currency"] == ["eur"] and form["destination"] == ["acct_1Test"]
    payout = Payout.objects.get()
    assert transfers[0]["headers"]["Idempotency-Key"] == f"payout-{payout.pk}"
    assert payout.status == PayoutStatus.PAID and payout.stripe_transfer_id == "tr_1Test"
    assert royalty_summary(maker=maker) == {
        "earned": Decimal("20.00"),
        "paid_out": Decimal("20.00"),
        "balance": Decimal("0.00"),
    }


def test_failed_transfer_is_retried_with_the_same_key(stripe_recorder):
    product = make_product(price="50.00", royalty_share="0.20")
    maker = product.design.maker
    order_paid.send(sender=Order, order=_paid_order(product, quantity=2))
    ConnectAccount.objects.create(maker=maker, stripe_account_id="acct_1Test")
    stripe_recorder.fail_transfers = True
    payout = payout_run(maker=maker, period="2026-05")
    assert payout.status == PayoutStatus.FAILED
    assert royalty_summary(maker=maker)["balance"] == Decimal("0.00")  # reserved, not lost
    stripe_recorder.fail_transfers = False
    payout = payout_run(maker=maker, period="2026-05")
    assert payout.status == PayoutStatus.PAID
    keys = {r["headers"]["Idempotency-Key"] for r in stripe_recorder.requests if r["path"] == "/v1/transfers"}
    assert keys == {f"payout-{payout.pk}"}


def test_no_payout_below_the_minimum_or_without_an_account(stripe_recorder):
    product = make_product(price="10.00", royalty_share="0.15")
    order_paid.send(sender=Order, order=_paid_order(product, quantity=1))
    assert payout_run(maker=product.design.maker, period="2026-04") is None
    ConnectAccount.objects.create(maker=product.design.maker, stripe_account_id="acct_x")
    assert payout_run(maker=product.design.maker, period="2026-04") is None
    assert stripe_recorder.requests == []


def test_the_payout_minimum_is_an_editor_setting_in_euros(stripe_recorder):
    from wagtail.models import Site

    from makers.models import MakerRules

    rules = MakerRules.for_site(Site.objects.get(is_default_site=True))
    assert rules.payout_minimum == Decimal("10.00")
    rules.payout_minimum = Decimal("1.00")
    rules.save()
    product = make_product(price="10.00", royalty_share="0.15")
    order_paid.send(sender=Order, order=_paid_order(product, quantity=1))
    ConnectAccount.objects.create(maker=product.design.maker, stripe_account_id="acct_low")
    payout = payout_run(maker=product.design.maker, period="2026-04")
    assert payout is not None and payout.amount == Decimal("1.50")
