"""Cross-app panels: the lower app's page names a slot, the owning app fills it."""

from __future__ import annotations

import pytest

from core.panels import panels_for
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design
from tests.factories.shop import make_product, paid_line

pytestmark = pytest.mark.django_db


def test_each_app_registers_its_own_panels():
    assert [p.template for p in panels_for("design.detail")] == ["voting/design_panel.html", "shop/design_panel.html"]
    assert [p.template for p in panels_for("member.profile")] == ["shop/member_reviews.html"]
    assert [p.template for p in panels_for("account.links")] == [
        "community/account_links.html",
        "notifications/account_links.html",
        "shop/account_links.html",
        "api/account_links.html",
    ]
    assert [p.template for p in panels_for("design.maker")] == ["makers/design_maker_link.html"]


def test_design_page_shows_the_voting_and_shop_panels_and_the_storefront_link(client):
    product = make_product()
    html = client.get(product.design.get_absolute_url()).content.decode()
    assert 'class="design__voting"' in html
    assert 'class="design__shop"' in html and product.title in html
    assert f'href="/makers/{product.design.maker.handle}/"' in html
    assert html.index("design__voting") < html.index("design__shop")


def test_member_page_shows_the_reviews_panel(client):
    from shop.models import Review

    buyer = UserFactory(handle="rita-reviewer")
    product = make_product()
    line = paid_line(buyer, product)
    Review.objects.create(product=product, author=buyer, order_line=line, rating=5, text="Lovely print.")
    html = client.get("/members/rita-reviewer/").content.decode()
    assert "Lovely print." in html and product.title in html


def test_account_page_shows_the_shop_links(client):
    member = UserFactory()
    client.force_login(member)
    html = client.get("/account/").content.decode()
    assert "/account/orders/" in html and "/account/favourites/" in html
    assert "/account/addresses/" in html and "/account/tokens/" in html


def test_design_page_works_without_registered_panels(client, monkeypatch):
    from core import panels

    monkeypatch.setattr(panels, "_registry", {})
    design = make_design(title="Plain Page")
    html = client.get(design.get_absolute_url()).content.decode()
    assert "Plain Page" in html and design.maker.public_name in html
