"""The dashboard's sales panel: units kept per order status, and the units refunded."""

from __future__ import annotations

import re

import pytest

from shop.models import Order, OrderLine, OrderStatus
from shop.selectors.orders import MAKER_STATUS_COLUMNS, maker_sales_status
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.shop import make_order, make_product

pytestmark = pytest.mark.django_db
S = OrderStatus


def test_refunded_units_show_in_the_refunded_column(client):
    maker = UserFactory()
    product = make_product(design=DesignFactory(maker=maker, state="on_sale"), price="20.00")
    partly = make_order(items=[(product, 2)], status=S.DELIVERED)
    OrderLine.objects.filter(order=partly).update(refunded_quantity=1)
    fully = make_order(items=[(product, 1)], status=S.REFUNDED)
    OrderLine.objects.filter(order=fully).update(refunded_quantity=1)
    make_order(items=[(product, 3)], status=S.SHIPPED)
    make_order(items=[(product, 5)], status=S.PENDING)  # not paid: not shown
    [row] = maker_sales_status(maker=maker)
    cells = dict(zip(MAKER_STATUS_COLUMNS, row["cells"], strict=True))
    assert cells[S.DELIVERED] == 1 and cells[S.SHIPPED] == 3 and cells[S.REFUNDED] == 2
    assert row["sold"] == 4 and row["refunded"] == 2
    client.force_login(maker)
    page = client.get("/dashboard/").content.decode()
    panel = page[page.index('id="sales-status-title"') :]
    assert re.search(r'<div class="table-wrap">\s*<table class="data-table">', panel)
    assert Order.objects.count() == 4
