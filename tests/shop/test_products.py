"""Editors create products from selected designs in the Wagtail admin; the shop lists and shows them."""

from decimal import Decimal

import pytest

from designs.models import DesignState
from shop.errors import ShopError
from shop.models import Product, ProductStatus, SupporterAccess
from shop.services.products import _would_buy_supporter_ids, product_create
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design
from tests.factories.shop import make_product
from voting.models import Vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="moderate_design"), Permission.objects.get(codename="access_admin")
    )
    return user


FORM = {
    "title": "Night Owl Tee",
    "product_type": "tshirt",
    "description": "Soft cotton.",
    "price": "29.90",
    "royalty_percent": "15",
    "variants": "S, black, OWL-S-BLK, 5\nM, black, OWL-M-BLK, 0",
    "publish": "on",
}


def test_editor_creates_and_publishes_a_product_in_the_admin(client, editor):
    design = make_design(state=DesignState.SELECTED)
    client.force_login(editor)
    index = client.get("/admin/products/")
    assert index.status_code == 200 and "/admin/products/add/" in index.content.decode()
    ready = client.get("/admin/products/add/")
    assert ready.status_code == 200 and f"/admin/products/add/{design.pk}/" in ready.content.decode()
    response = client.post(f"/admin/products/add/{design.pk}/", FORM)
    assert response.status_code == 302
    product = Product.objects.get(design=design)
    assert product.status == ProductStatus.ON_SALE and product.price == Decimal("29.90")
    assert product.royalty_share == Decimal("0.150")
    assert list(product.variants.values_list("sku", "stock")) == [("OWL-S-BLK", 5), ("OWL-M-BLK", 0)]
    design.refresh_from_db()
    assert design.state == DesignState.ON_SALE
    page = client.get(f"/shop/{product.slug}/").content.decode()
    assert 'name="variant"' in page and "OWL" not in page  # variant picker shows labels, not SKUs
    assert "S / black" in page and "sold out" in page


def test_admin_form_errors_are_shown_next_to_the_fields(client, editor):
    design = make_design(state=DesignState.SELECTED)
    make_product(design=design).variants.update(sku="TAKEN-1")
    client.force_login(editor)
    bad = dict(FORM, price="-3", variants="S, black")
    response = client.post(f"/admin/products/add/{design.pk}/", bad)
    assert response.status_code == 200
    body = response.content.decode()
    assert "write size, colour, SKU, stock" in body
    response = client.post(f"/admin/products/add/{design.pk}/", dict(FORM, variants="S, red, TAKEN-1, 1"))
    assert "Each SKU must be unique" in response.content.decode()
    assert Product.objects.filter(design=design).count() == 1


def test_members_cannot_create_products(client):
    design = make_design(state=DesignState.SELECTED)
    member = UserFactory()
    with pytest.raises(Exception, match="Only editors"):
        product_create(
            design=design, actor=member, title="x", product_type="mug", price=Decimal("9"), variants=[{"sku": "A"}]
        )
    client.force_login(member)
    assert client.get("/admin/products/").status_code in (302, 403)
    assert client.get("/admin/products/add/").status_code in (302, 403)
    assert client.post(f"/admin/products/add/{design.pk}/", FORM).status_code in (302, 403)
    assert not Product.objects.exists()


def test_a_design_still_in_voting_cannot_become_a_product(editor):
    design = make_design(state=DesignState.APPROVED)
    with pytest.raises(ShopError, match="Only selected designs"):
        product_create(
            design=design, actor=editor, title="x", product_type="mug", price=Decimal("9"), variants=[{"sku": "A"}]
        )


def test_publishing_opens_a_launch_window_for_supporters(editor, client):
    design = make_design(state=DesignState.SELECTED)
    supporter, other, lukewarm = UserFactory(), UserFactory(), UserFactory()
    Vote.objects.create(design=design, voter=supporter, score=5, would_buy=True)
    Vote.objects.create(design=design, voter=lukewarm, score=4, would_buy=False)
    product = product_create(
        design=design,
        actor=editor,
        title="Tee",
        product_type="tshirt",
        price=Decimal("20"),
        variants=[{"sku": "T-1", "stock": 5}],
        publish=True,
    )
    assert product.in_supporter_window()
    assert SupporterAccess.objects.filter(product=product, user=supporter).exists()
    assert supporter.notifications.filter(kind="shop_supporter_launch").exists()
    variant = product.variants.get()
    client.force_login(other)
    refused = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 400 and "early access" in refused.json()["error"]
    client.force_login(supporter)
    ok = client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1}, HTTP_ACCEPT="application/json")
    assert ok.status_code == 200


def test_held_back_votes_do_not_make_supporters():
    design = make_design(state=DesignState.SELECTED)
    Vote.objects.create(design=design, voter=UserFactory(), score=5, would_buy=True, weight=0)
    assert _would_buy_supporter_ids(design) == []


def test_product_list_filters_and_keeps_query_count_constant(client, django_assert_max_num_queries):
    for _ in range(3):
        make_product(product_type="mug", price="12.00")
    make_product(product_type="poster", price="40.00")
    make_product(status="draft")
    with django_assert_max_num_queries(8):
        page = client.get("/shop/").content.decode()
    assert page.count('class="card product-card"') == 4
    for _ in range(6):
        make_product(product_type="mug", price="12.00")
    with django_assert_max_num_queries(8):
        page = client.get("/shop/?type=mug").content.decode()
    assert page.count('class="card product-card"') == 9
    page = client.get("/shop/?max_price=20").content.decode()
    assert page.count('class="card product-card"') == 9
    page = client.get("/shop/?type=poster&sort=-price").content.decode()
    assert page.count('class="card product-card"') == 1
