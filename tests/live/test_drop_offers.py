"""A shelf product's drop-only price and limited quantity: honoured by the cart and checkout only while the
drop is live, and never oversold, also when many buyers pay at once (PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from live import rules as live_rules
from live import services
from live.forms import ShelfOfferForm
from live.models import ShelfItem, ShowStatus
from shop.cart import MemberCart
from shop.errors import ShopError
from shop.models import Order, OrderStatus
from shop.selectors.cart import cart_summary
from shop.services.cart import cart_add
from shop.services.checkout import order_create
from shop.services.orders import order_mark_paid
from tests.factories.accounts import UserFactory
from tests.factories.live import make_show

pytestmark = pytest.mark.django_db


def _drop(*, status=ShowStatus.LIVE, price="15.00", quantity=None, stock=10):
    show = make_show(status=status, products=1)
    item = show.shelf.get()
    item.product.variants.update(stock=stock)
    services.shelf_offer_set(
        show=show,
        by=show.host,
        product_id=item.product_id,
        drop_price=None if price is None else Decimal(price),
        drop_quantity=quantity,
    )
    item.refresh_from_db()
    return show, item, item.product.variants.get()


def _order_for(variant, quantity: int = 1) -> Order:
    buyer = UserFactory()
    cart = MemberCart(buyer)
    cart_add(cart=cart, user=buyer, variant=variant, quantity=quantity)
    return order_create(user=buyer, cart=cart)


def test_drop_price_applies_in_cart_and_checkout_while_live_only():
    show, item, variant = _drop(price="15.00")
    assert item.product.price == Decimal("25.00")
    buyer = UserFactory()
    cart = MemberCart(buyer)
    cart_add(cart=cart, user=buyer, variant=variant, quantity=2, claimed_price=Decimal("15.00"))
    summary = cart_summary(items=cart.items())
    assert summary.total == Decimal("30.00")
    assert summary.lines[0].offer.label == "Live drop price"

    order = order_create(user=buyer, cart=cart)
    line = order.lines.get()
    assert (line.unit_price, line.offer) == (Decimal("15.00"), f"live:{item.pk}")
    assert order.subtotal == Decimal("30.00")

    # After the show the regular price is back for what is still in a cart.
    services.show_end(show=show, by=show.host)
    assert cart_summary(items=cart.items()).total == Decimal("50.00")
    with pytest.raises(ShopError):
        cart_add(cart=cart, user=buyer, variant=variant, quantity=1, claimed_price=Decimal("15.00"))


def test_an_upcoming_drop_offers_nothing_yet():
    _show, _item, variant = _drop(status=ShowStatus.SCHEDULED, price="9.00", quantity=1)
    buyer = UserFactory()
    cart = MemberCart(buyer)
    cart_add(cart=cart, user=buyer, variant=variant, quantity=3)
    assert cart_summary(items=cart.items()).total == Decimal("75.00")
    assert order_create(user=buyer, cart=cart).lines.get().offer == ""


def test_the_cart_stays_within_the_drop_quantity_over_all_variants():
    show = make_show(products=0)
    from tests.factories.shop import make_product

    product = make_product(maker=show.host, variants=2, stock=10)
    ShelfItem.objects.create(show=show, product=product)
    services.shelf_offer_set(show=show, by=show.host, product_id=product.pk, drop_quantity=3)
    small, medium = product.variants.all()
    buyer = UserFactory()
    cart = MemberCart(buyer)
    cart_add(cart=cart, user=buyer, variant=small, quantity=2)
    with pytest.raises(ShopError, match="Only 3 left in this drop"):
        cart_add(cart=cart, user=buyer, variant=medium, quantity=2)
    cart_add(cart=cart, user=buyer, variant=medium, quantity=1)
    # Without a drop price the price stays the regular one; only the quantity is limited.
    assert cart_summary(items=cart.items()).total == Decimal("75.00")


def test_paying_takes_units_from_the_drop_and_refunds_what_is_gone():
    _show, item, variant = _drop(quantity=1, stock=10)
    first, second = _order_for(variant), _order_for(variant)
    order_mark_paid(order_id=first.pk)
    order_mark_paid(order_id=second.pk)
    item.refresh_from_db()
    variant.refresh_from_db()
    assert item.drop_sold == 1
    assert variant.stock == 9  # the refused line took no stock either
    first_line, second_line = first.lines.get(), second.lines.get()
    second_line.refresh_from_db()
    first_line.refresh_from_db()
    assert first_line.kept_quantity == 1
    assert second_line.kept_quantity == 0
    second.refresh_from_db()
    assert "sold out while you were paying" in second.note


def test_units_taken_from_the_drop_go_back_when_the_stock_is_gone():
    _show, item, variant = _drop(quantity=5, stock=1)
    first, second = _order_for(variant), _order_for(variant)
    order_mark_paid(order_id=first.pk)
    order_mark_paid(order_id=second.pk)
    item.refresh_from_db()
    assert item.drop_sold == 1
    assert second.lines.get().kept_quantity == 0


def test_a_drop_order_paid_long_after_the_drop_is_refunded(monkeypatch):
    monkeypatch.setattr(live_rules, "DROP_PAYMENT_GRACE_MINUTES", 30)
    show, item, variant = _drop(quantity=5)
    order = _order_for(variant)
    services.show_end(show=show, by=show.host)
    type(show).objects.filter(pk=show.pk).update(ended_at=timezone.now() - timedelta(minutes=31))
    order_mark_paid(order_id=order.pk)
    assert order.lines.get().kept_quantity == 0
    item.refresh_from_db()
    assert item.drop_sold == 0


def test_the_database_refuses_an_oversold_drop():
    _show, item, _variant = _drop(quantity=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        ShelfItem.objects.filter(pk=item.pk).update(drop_sold=3)


def test_only_the_host_sets_a_drop_offer_within_sensible_values():
    show, item, _variant = _drop(quantity=2)
    with pytest.raises(PermissionDenied):
        services.shelf_offer_set(show=show, by=UserFactory(), product_id=item.product_id, drop_price=Decimal("5"))
    for price in ("30.00", "0.10", "1e5", "NaN", "12.345"):
        with pytest.raises(ValidationError):
            services.shelf_offer_set(show=show, by=show.host, product_id=item.product_id, drop_price=Decimal(price))
    ShelfItem.objects.filter(pk=item.pk).update(drop_sold=2)
    with pytest.raises(ValidationError, match="already sold"):
        services.shelf_offer_set(show=show, by=show.host, product_id=item.product_id, drop_quantity=1)
    cleared = services.shelf_offer_set(show=show, by=show.host, product_id=item.product_id)
    assert (cleared.drop_price, cleared.drop_quantity) == (None, None)


def test_the_page_shows_the_drop_price_and_what_is_left(client):
    show, item, _variant = _drop(price="15.00", quantity=4)
    html = client.get(show.get_absolute_url()).content.decode()
    assert "15.00" in html and "25.00" in html and "4 left in this drop" in html
    assert "Drop price and quantity" not in html

    client.force_login(show.host)
    answer = client.post(
        f"/live/{show.slug}/shelf/{item.product_id}/offer/", {"drop_price": "12,50", "drop_quantity": "6"}
    )
    assert answer.status_code == 302
    item.refresh_from_db()
    assert (item.drop_price, item.drop_quantity) == (Decimal("12.50"), 6)
    client.force_login(UserFactory())
    answer = client.post(
        f"/live/{show.slug}/shelf/{item.product_id}/offer/",
        {"drop_price": "1.00"},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 403


@pytest.mark.django_db(transaction=True)
def test_a_rush_of_buyers_never_oversells_the_drop(postgres_only):
    _show, item, variant = _drop(quantity=3, stock=50)
    orders = [_order_for(variant) for _ in range(12)]
    barrier = threading.Barrier(len(orders))
    errors = []

    def pay(order_id):
        try:
            barrier.wait(timeout=30)
            order_mark_paid(order_id=order_id)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=pay, args=(order.pk,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    item.refresh_from_db()
    variant.refresh_from_db()
    assert item.drop_sold == 3
    assert variant.stock == 47
    kept = [o.lines.get().kept_quantity for o in Order.objects.filter(pk__in=[o.pk for o in orders])]
    assert sorted(kept) == [0] * 9 + [1] * 3
    assert Order.objects.filter(pk__in=[o.pk for o in orders], status=OrderStatus.PAID).count() == 12


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"drop_price": "abc"}, 400, "Please enter a price in euros and cents, like 12.50."),
        ({"drop_price": "12.345"}, 400, "Please enter a price in euros and cents, like 12.50."),
        ({"drop_quantity": "abc"}, 400, "Please enter a quantity between 1 and 100,000."),
        ({"drop_quantity": "0"}, 400, "Please enter a quantity between 1 and 100,000."),
    ],
)
def test_the_offer_form_answers_garbage_with_the_same_message(client, data, status, message):
    show, item, _variant = _drop(price="15.00", quantity=4)
    client.force_login(show.host)
    url = f"/live/{show.slug}/shelf/{item.product_id}/offer/"
    answer = client.post(url, data, HTTP_ACCEPT="application/json")
    assert answer.status_code == status and message in answer.json()["error"]
    item.refresh_from_db()
    assert (item.drop_price, item.drop_quantity) == (Decimal("15.00"), 4)


def test_garbage_from_someone_not_the_host_is_still_refused_as_not_the_host(client):
    show, item, _variant = _drop(price="15.00", quantity=4)
    client.force_login(UserFactory())
    url = f"/live/{show.slug}/shelf/{item.product_id}/offer/"
    answer = client.post(url, {"drop_price": "abc"}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 403


def test_shelf_offer_set_takes_a_decimal_and_an_int():
    show, item, _variant = _drop(price="15.00", quantity=None)
    saved = services.shelf_offer_set(
        show=show, by=show.host, product_id=item.product_id, drop_price=Decimal("12.5"), drop_quantity=7
    )
    assert (saved.drop_price, saved.drop_quantity) == (Decimal("12.50"), 7)


def test_offer_form_reads_typed_values():
    form = ShelfOfferForm({"drop_price": " 12,50 ", "drop_quantity": " 6 "})
    assert form.is_valid()
    assert form.cleaned_data == {"drop_price": Decimal("12.50"), "drop_quantity": 6}
    empty = ShelfOfferForm({})
    assert empty.is_valid() and empty.cleaned_data == {"drop_price": None, "drop_quantity": None}
