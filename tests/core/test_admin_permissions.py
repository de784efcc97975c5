"""Who sees which admin viewset: the demo editor reviews, decides, moderates and manages challenges and
products; the demo fulfilment account sees only Orders; a plain member gets no admin at all."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.test.utils import WagtailTestUtils
from wagtail.users.models import UserProfile

from community.demo import seed_accounts
from designs.models import DesignState
from shop.models import ProductStatus
from tests.factories.accounts import UserFactory
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


def _sidebar_props(html: str) -> dict:
    start = html.index('<script id="wagtail-sidebar-props" type="application/json">')
    return json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])


def _menu_entries(html: str) -> list[tuple[int, str, str]]:
    """The sidebar's main menu in order: (depth, name, label) of each entry, submenus' entries after theirs.

    Telepath writes a value that occurs twice once, as {"_val": ..., "_id": n}, then as {"_ref": n}."""
    props = _sidebar_props(html)
    packed: dict[int, str] = {}

    def values(node):
        if isinstance(node, dict):
            if "_id" in node and "_val" in node:
                packed[node["_id"]] = node["_val"]
            for value in node.values():
                values(value)
        elif isinstance(node, list):
            for value in node:
                values(value)

    def plain(value):
        if isinstance(value, dict):
            return value["_val"] if "_val" in value else packed.get(value.get("_ref"), str(value))
        return value

    entries: list[tuple[int, str, str]] = []

    def walk(node, depth: int):
        if isinstance(node, dict):
            if node.get("_type") in ("wagtail.sidebar.LinkMenuItem", "wagtail.sidebar.SubMenuItem"):
                entries.append((depth, plain(node["_args"][0]["name"]), plain(node["_args"][0]["label"])))
                if node["_type"].endswith("SubMenuItem"):
                    walk(node["_args"][1], depth + 1)
                return
            for value in node.values():
                walk(value, depth)
        elif isinstance(node, list):
            for value in node:
                walk(value, depth)

    values(props)
    for module in props["modules"]:
        if module.get("_type") == "wagtail.sidebar.MainMenuModule":
            walk(module["_args"][0], 0)
    return entries


def _menu_labels(html: str) -> dict[str, str]:
    """Every entry of the main menu, at any depth: name -> label."""
    return {name: label for _depth, name, label in _menu_entries(html)}


def _menu_items(html: str) -> dict[str, list[str]]:
    """The sidebar's main menu: top-level entry name -> names of the entries inside it."""
    items: dict[str, list[str]] = {}
    for depth, name, _label in _menu_entries(html):
        if depth == 0:
            items[name] = []
            top = name
        elif depth == 1:
            items[top].append(name)
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
        self.assertEqual(menu["designs"], ["design-review", "all-designs"])
        self.assertEqual(menu["community"], ["moderation"])
        self.assertEqual(menu["voting"], ["challenges", "shortlist", "held-back-votes"])
        self.assertEqual(menu["shop"], ["products"])  # shipping rules follow model permissions the editor lacks

    def test_the_fulfilment_account_sees_only_orders(self):
        self.client.force_login(self.accounts["shop@example.com"])
        for url in EDITOR_PAGES:
            response = self.client.get(url)
            self.assertRedirects(response, "/admin/", msg_prefix=url, fetch_redirect_response=False)
        self.assertEqual(self.client.get("/admin/shop_orders/").status_code, 200)
        menu = _menu_items(self.client.get("/admin/").content.decode())
        ours = {"design-review", "voting", "shop", "moderation", "community", "designs", "royalties", "orders"}
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


@pytest.mark.django_db
class TheAdminMenuIsGroupedByApp(WagtailTestUtils, TestCase):
    """Every entry of ours sits in its app's group ("Designs", "Voting", "Community", "Shop", "Royalties");
    only "Orders" stands alone, the one entry the fulfilment staff see."""

    def _editor(self):
        editor = UserFactory(email="eve.editor@example.org", handle="eve-editor")
        editor.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Moderators"))
        return editor

    def test_an_editor_sees_the_groups_in_order_with_review_and_moderation_inside(self):
        self.client.force_login(self._editor())
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        menu = _menu_items(response.content.decode())
        self.assertEqual(
            list(menu),
            ["designs", "voting", "community", "images", "shop", "documents", "royalties", "reports", "help"],
        )
        self.assertEqual(menu["designs"], ["design-review", "all-designs"])
        self.assertEqual(menu["community"], ["moderation"])
        self.assertEqual(menu["shop"], ["products"])
        # The entries keep their addresses.
        for url in ("/admin/designs/review/", "/admin/designs/", "/admin/moderation/"):
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_the_group_labels_in_german(self):
        editor = self._editor()
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = "de"
        profile.save()
        self.client.force_login(editor)
        labels = _menu_labels(self.client.get("/admin/").content.decode())
        self.assertEqual(labels["designs"], "Entwürfe")
        self.assertEqual(labels["design-review"], "Entwurfsprüfung")
        self.assertEqual(labels["all-designs"], "Alle Entwürfe")
        self.assertEqual((labels["community"], labels["moderation"]), ("Community", "Moderation"))

    def test_the_fulfilment_staff_see_only_orders(self):
        staff = UserFactory(email="fred.fulfilment@example.org", handle="fred-fulfilment")
        staff.groups.add(Group.objects.get(name="Fulfilment"))
        self.client.force_login(staff)
        menu = _menu_items(self.client.get("/admin/").content.decode())
        self.assertEqual([name for name in menu if name not in ("reports", "help")], ["orders"])
        self.assertEqual(menu["orders"], [])
