"""Who sees which admin viewset: the demo editor reviews, decides, moderates and manages challenges and
products; the demo fulfilment account sees only Orders; a plain member gets no admin at all."""

from __future__ import annotations

import json

import pytest
from django.test import TestCase
from wagtail.test.utils import WagtailTestUtils

from community.demo import seed_accounts
from designs.models import DesignState
from shop.models import ProductStatus
from tests.factories.community import UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.shop import make_product

EDITOR_PAGES = [
    "/admin/designs/review/",
    "/admin/voting/shortlist/",
    "/admin/voting/held-back/",
    "/admin/challenges/",
    "/admin/challenges/new/",
    "/admin/products/",
    "/admin/products/add/",
    "/admin/moderation/",
]


def _menu_items(html: str) -> dict[str, list[str]]:
    """The sidebar's main menu: top-level entry name -> names of the entries inside it."""
    start = html.index('<script id="wagtail-sidebar-props" type="application/json">')
    props = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    items: dict[str, list[str]] = {}

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type") in ("wagtail.sidebar.LinkMenuItem", "wagtail.sidebar.SubMenuItem"):
                name = node["_args"][0]["name"]
                children = node["_args"][1] if node["_type"].endswith("SubMenuItem") else []
                items[name] = [child["_args"][0]["name"] for child in children]
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for module in props["modules"]:
        if module.get("_type") == "wagtail.sidebar.MainMenuModule":
            walk(module["_args"][0])
    return items


@pytest.mark.django_db
class DemoAccountsInTheAdmin(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.accounts = seed_accounts()
        cls.member = UserFactory(email="plain@example.org")

    def test_the_editor_reaches_review_shortlist_challenges_products_and_moderation(self):
        self.client.force_login(self.accounts["editor@example.com"])
        for url in EDITOR_PAGES:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        menu = _menu_items(self.client.get("/admin/").content.decode())
        self.assertIn("design-review", menu)
        self.assertIn("moderation", menu)
        self.assertEqual(menu["voting"], ["challenges", "shortlist", "held-back-votes"])
        self.assertEqual(menu["shop"], ["products"])  # shipping rules follow model permissions the editor lacks

    def test_the_fulfilment_account_sees_only_orders(self):
        self.client.force_login(self.accounts["shop@example.com"])
        for url in EDITOR_PAGES:
            response = self.client.get(url)
            self.assertRedirects(response, "/admin/", msg_prefix=url, fetch_redirect_response=False)
        self.assertEqual(self.client.get("/admin/shop_orders/").status_code, 200)
        menu = _menu_items(self.client.get("/admin/").content.decode())
        ours = {"design-review", "voting", "shop", "moderation", "designs", "royalties", "orders"}
        self.assertEqual(set(menu) & ours, {"orders"})

    def test_the_fulfilment_account_cannot_act_either(self):
        design = DesignFactory(state=DesignState.SUBMITTED)
        product = make_product(status=ProductStatus.DRAFT)
        self.client.force_login(self.accounts["shop@example.com"])
        self.client.post(f"/admin/designs/review/approve/{design.pk}/")
        self.client.post(f"/admin/products/publish/{product.pk}/")
        design.refresh_from_db()
        product.refresh_from_db()
        self.assertEqual((design.state, product.status), (DesignState.SUBMITTED, ProductStatus.DRAFT))

    def test_a_plain_member_gets_nothing(self):
        self.client.force_login(self.member)
        for url in [*EDITOR_PAGES, "/admin/shop_orders/", "/admin/"]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith("/admin/login/"), url)
