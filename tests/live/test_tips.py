"""Tips through a Stripe PaymentIntent on localstripe (a real HTTP server): paid once, in the ledger once,
thanked in the chat once; forged or replayed webhooks change nothing; a cancelled drop refunds them."""

from __future__ import annotations

import json
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from live import services
from live.forms import TipForm
from live.models import ChatMessage, MessageKind, ShowStatus, Tip, TipEvent, TipStatus
from makers.models import RoyaltyEntry, RoyaltyKind
from makers.selectors import royalty_summary
from shop import gateway
from shop.errors import PaymentDeclined
from tests.factories.accounts import UserFactory
from tests.factories.live import make_show
from tests.shop.conftest import WEBHOOK_SECRET, event_for, ls_get, sign

pytestmark = pytest.mark.django_db


def _post_event(client, event: dict, secret: str = WEBHOOK_SECRET):
    payload = json.dumps(event).encode()
    return client.post(
        "/live/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, secret),
    )


def _tip_entries(show):
    return RoyaltyEntry.objects.filter(maker=show.host, kind=RoyaltyKind.TIP)


def test_a_paid_tip_lands_in_the_ledger_and_the_chat_once(client, stripe_on, django_capture_on_commit_callbacks):
    show = make_show()
    fan = UserFactory()
    client.force_login(fan)
    answer = client.post(reverse("live:tip", args=[show.slug]), {"amount": "5"})
    tip = Tip.objects.get(tipper=fan)
    assert answer.status_code == 302 and answer["Location"] == reverse("live:tip_pay", args=[tip.number])
    assert tip.payment_intent_id and tip.amount == Decimal("5.00")
    assert "Pay with a test card" in client.get(answer["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        paid = client.post(reverse("live:tip_test_pay", args=[tip.number]), {"card": "pm_card_visa"})
        again = client.post(reverse("live:tip_test_pay", args=[tip.number]), {"card": "pm_card_visa"})
    assert paid.status_code == again.status_code == 302
    tip.refresh_from_db()
    assert tip.status == TipStatus.PAID
    assert ls_get(stripe_on, f"/v1/payment_intents/{tip.payment_intent_id}")["amount"] == 500
    entry = _tip_entries(show).get()
    assert entry.amount == Decimal("5.00") and entry.order_line is None
    assert royalty_summary(maker=show.host)["earned"] == Decimal("5.00")
    thanks = ChatMessage.objects.get(show=show, kind=MessageKind.TIP)
    assert thanks.tip == tip
    html = client.get(show.get_absolute_url()).content.decode()
    assert f"@{fan.handle} tipped 5.00\u00a0€. Thank you!" in html


@pytest.mark.parametrize("amount", ["3", "0", "-5", "5.001", "abc", "1e9", ""])
def test_only_the_fixed_amounts(client, stripe_on, amount):
    show = make_show()
    client.force_login(UserFactory())
    answer = client.post(reverse("live:tip", args=[show.slug]), {"amount": amount}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 400 and not Tip.objects.exists()


def test_only_verified_members_tip_and_not_the_host(client, stripe_on):
    show = make_show()
    client.force_login(UserFactory(verified=False))
    assert client.post(reverse("live:tip", args=[show.slug]), {"amount": "2"}).status_code == 302
    assert not Tip.objects.exists()
    with pytest.raises(Exception, match="yourself"):
        services.tip_create(show=show, tipper=show.host, amount=Decimal("2"))
    ended = make_show(status=ShowStatus.ENDED)
    with pytest.raises(Exception, match="while the drop is live"):
        services.tip_create(show=ended, tipper=UserFactory(), amount=Decimal("2"))
    assert not Tip.objects.exists()


def test_someone_else_cannot_pay_or_see_my_tip(client, stripe_on):
    show = make_show()
    tip = services.tip_create(show=show, tipper=UserFactory(), amount=Decimal("2"))
    client.force_login(UserFactory())
    assert client.get(reverse("live:tip_pay", args=[tip.number])).status_code == 404
    assert client.post(reverse("live:tip_test_pay", args=[tip.number])).status_code == 404


def test_declined_card_leaves_nothing_and_a_retry_pays(stripe_on):
    show = make_show()
    fan = UserFactory()
    tip = services.tip_create(show=show, tipper=fan, amount=Decimal("10"))
    with pytest.raises(PaymentDeclined):
        services.tip_test_pay(tip=tip, user=fan, payment_method=gateway.TestCard.DECLINED)
    tip.refresh_from_db()
    assert tip.status == TipStatus.FAILED and not _tip_entries(show).exists()
    tip = services.tip_test_pay(tip=tip, user=fan)
    assert tip.status == TipStatus.PAID and _tip_entries(show).get().amount == Decimal("10.00")


def test_a_tip_is_paid_with_a_test_card_never_a_string(client, stripe_on):
    show = make_show()
    fan = UserFactory()
    tip = services.tip_create(show=show, tipper=fan, amount=Decimal("2"))
    with pytest.raises(ValueError):
        services.tip_test_pay(tip=tip, user=fan, payment_method="pm_card_visa")
    client.force_login(fan)
    answer = client.post(reverse("live:tip_test_pay", args=[tip.number]), {"card": "pm_card_mastercard"}, follow=True)
    assert "Please pay with one of the test cards on this page." in answer.content.decode()
    tip.refresh_from_db()
    assert tip.status == TipStatus.PENDING and not _tip_entries(show).exists()


def test_webhook_pays_once_and_forged_or_replayed_events_change_nothing(client, stripe_on):
    show = make_show()
    tip = services.tip_create(show=show, tipper=UserFactory(), amount=Decimal("5"))
    gateway.intent_test_confirm(intent_id=tip.payment_intent_id, idempotency_key=f"c-{tip.number}")
    intent = ls_get(stripe_on, f"/v1/payment_intents/{tip.payment_intent_id}")

    forged = _post_event(client, event_for(intent, "payment_intent.succeeded", "evt_forged"), secret="whsec_wrong")
    assert forged.status_code == 400
    assert client.post("/live/stripe/webhook/", data=b"{}", content_type="application/json").status_code == 400
    tip.refresh_from_db()
    assert tip.status == TipStatus.PENDING and not TipEvent.objects.exists()

    cheap = dict(intent, amount=1)
    assert _post_event(client, event_for(cheap, "payment_intent.succeeded", "evt_cheap")).content == b"amount mismatch"
    tip.refresh_from_db()
    assert tip.status == TipStatus.PENDING

    event = event_for(intent, "payment_intent.succeeded", "evt_tip_once")
    assert _post_event(client, event).content == b"paid"
    assert _post_event(client, event).content == b"already handled"
    assert _post_event(client, event_for(intent, "payment_intent.succeeded", "evt_tip_twice")).content == b"paid"
    assert _tip_entries(show).count() == 1
    assert ChatMessage.objects.filter(kind=MessageKind.TIP).count() == 1


def test_order_events_are_not_tips(client, stripe_on):
    assert (
        _post_event(
            client,
            event_for(
                {"id": "pi_other", "object": "payment_intent", "amount": 500}, "payment_intent.succeeded", "evt_x"
            ),
        ).content
        == b"not a tip"
    )


def test_cancelled_drop_refunds_its_tips_and_the_ledger_takes_them_back(stripe_on):
    show = make_show()
    fan = UserFactory()
    tip = services.tip_test_pay(tip=services.tip_create(show=show, tipper=fan, amount=Decimal("5")), user=fan)
    pending = services.tip_create(show=show, tipper=fan, amount=Decimal("2"))
    show, failed = services.show_cancel(show=show, by=show.host)
    assert failed == 0 and show.status == ShowStatus.CANCELLED
    tip.refresh_from_db()
    pending.refresh_from_db()
    assert tip.status == TipStatus.REFUNDED and pending.status == TipStatus.PENDING
    charge = ls_get(stripe_on, f"/v1/payment_intents/{tip.payment_intent_id}")["latest_charge"]
    charge_id = charge if isinstance(charge, str) else charge["id"]
    assert ls_get(stripe_on, f"/v1/charges/{charge_id}")["amount_refunded"] == 500
    assert royalty_summary(maker=show.host)["earned"] == Decimal("0.00")
    services.show_cancel(show=show, by=show.host)  # again: nothing is refunded twice
    assert RoyaltyEntry.objects.filter(maker=show.host, kind=RoyaltyKind.TIP_REFUND).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_confirmations_and_webhooks_count_a_tip_once(postgres_only, stripe_on, client):
    """20 threads apply the same payment at once (test-card returns and webhook deliveries): one ledger entry."""
    show = make_show()
    fan = UserFactory()
    tip = services.tip_create(show=show, tipper=fan, amount=Decimal("5"))
    gateway.intent_test_confirm(intent_id=tip.payment_intent_id, idempotency_key=f"c-{tip.number}")
    intent = ls_get(stripe_on, f"/v1/payment_intents/{tip.payment_intent_id}")
    barrier = threading.Barrier(20)
    errors: list[str] = []

    def apply(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            if i % 2:
                services.tip_mark_paid(tip_id=tip.pk)
            else:
                payload = json.dumps(event_for(intent, "payment_intent.succeeded", f"evt_c{i % 4}")).encode()
                services.tip_webhook_handle(payload=payload, signature=sign(payload))
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert _tip_entries(show).count() == 1
    assert ChatMessage.objects.filter(show=show, kind=MessageKind.TIP).count() == 1
    assert TipEvent.objects.filter(tip=tip).count() == 2  # evt_c0 and evt_c2, each once
    assert Tip.objects.get(pk=tip.pk).status == TipStatus.PAID


def test_tip_create_takes_a_decimal_and_refuses_none_as_not_an_amount(stripe_on):
    show = make_show()
    fan = UserFactory()
    assert services.tip_create(show=show, tipper=fan, amount=Decimal("5.00")).amount == Decimal("5.00")
    for amount in (None, Decimal("3"), Decimal("NaN")):
        with pytest.raises(ValidationError, match="Please choose one of"):
            services.tip_create(show=show, tipper=fan, amount=amount)


def test_tip_form_reads_the_amount_as_a_decimal_or_none():
    form = TipForm({"amount": " 10 "})
    assert form.is_valid() and form.cleaned_data["amount"] == Decimal("10")
    form = TipForm({"amount": "abc"})
    assert form.is_valid() and form.cleaned_data["amount"] is None


def test_tip_view_answers_400_with_the_same_message_for_abc(client, stripe_on):
    show = make_show()
    client.force_login(UserFactory())
    answer = client.post(reverse("live:tip", args=[show.slug]), {"amount": "abc"}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 400 and "Please choose one of" in answer.content.decode()
