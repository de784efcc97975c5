"""Rules editors tune are Wagtail site settings, read through a cache; product rules are not in the environment."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.site_settings import load
from shop.models import SellerDetails, ShopRules
from shop.selectors.catalogue import delivery_estimate
from shop.services.invoices import seller
from tests.factories.shop import make_product
from tests.factories.site_settings import set_site_setting
from voting.models import VotingRules

pytestmark = pytest.mark.django_db


def test_a_setting_costs_no_query_once_read_and_a_saved_change_shows_at_once():
    assert load(ShopRules).supporter_window_hours == 48
    with CaptureQueriesContext(connection) as queries:
        assert load(ShopRules).supporter_window_hours == 48
    assert len(queries) == 0
    set_site_setting(ShopRules, supporter_window_hours=12)
    assert load(ShopRules).supporter_window_hours == 12


def test_delivery_estimates_and_the_seller_come_from_the_admin_settings():
    product = make_product()
    assert delivery_estimate(product=product) == (2, 4)
    set_site_setting(ShopRules, delivery_days_in_stock_min=1, delivery_days_in_stock_max=3)
    assert delivery_estimate(product=product) == (1, 3)
    set_site_setting(SellerDetails, name="Beispiel GmbH", address="Weg 1\n\n12345 Ort \n")
    assert seller()["name"] == "Beispiel GmbH"
    assert seller()["address"] == ["Weg 1", "12345 Ort"]


def test_fewest_delivery_days_may_not_exceed_the_most():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        set_site_setting(ShopRules, delivery_days_made_to_order_min=12, delivery_days_made_to_order_max=10)


def test_the_shortlist_bound_is_a_decimal_setting():
    rules = load(VotingRules)
    assert rules.shortlist_min_would_buy_lower == Decimal("0.200")
    assert (rules.shortlist_top_k, rules.shortlist_min_votes) == (3, 20)


@pytest.mark.parametrize(
    "name",
    [
        "DESIGN_VOTING_DAYS",
        "SHOP_MAX_QUANTITY",
        "SHOP_WITHDRAWAL_DAYS",
        "REVIEW_WINDOW_DAYS",
        "VOTING_PRIOR_MEAN",
        "VOTING_SHORTLIST_TOP_K",
        "SHOP_SUPPORTER_WINDOW_HOURS",
        "SHOP_SELLER_NAME",
        "TRUST_L1_DAYS",
        "LIVE_TIP_AMOUNTS",
    ],
)
def test_product_rules_are_not_read_from_the_environment(name):
    assert not hasattr(settings, name)


def test_the_voting_window_fits_in_a_card_authorisation():
    from designs import rules as design_rules
    from shop.services.campaigns import CAMPAIGN_MAX_DAYS

    assert design_rules.VOTING_DAYS <= CAMPAIGN_MAX_DAYS
