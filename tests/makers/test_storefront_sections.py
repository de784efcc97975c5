"""Issue 15: the storefront lists each item once, keeps retired designs for the maker, and has a banner."""

from __future__ import annotations

import pytest

from accounts.models import Profile
from designs.models import DesignState
from makers.models import Brand
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.images import image_bytes, upload
from tests.factories.shop import make_product

pytestmark = pytest.mark.django_db


def test_items_on_sale_appear_once_and_retired_designs_only_for_the_maker(client):
    maker = UserFactory(handle="mira")
    Profile.objects.filter(user=maker).update(is_maker=True)
    product = make_product(design=DesignFactory(maker=maker, title="Sold Tee Design", state=DesignState.ON_SALE))
    DesignFactory(maker=maker, title="Old Retired Print", state=DesignState.RETIRED)
    DesignFactory(maker=maker, title="Voting Now", state=DesignState.APPROVED)
    html = client.get("/makers/mira/").content.decode()
    assert html.count(product.title) == 1
    assert ">Sold Tee Design</h3>" not in html  # no design card: the product card stands for it
    assert "Voting Now" in html
    assert "Old Retired Print" not in html
    client.force_login(maker)
    assert "Old Retired Print" in client.get("/makers/mira/").content.decode()


def test_a_maker_uploads_a_banner_that_heads_the_storefront(client):
    maker = UserFactory(handle="theo")
    Profile.objects.filter(user=maker).update(is_maker=True)
    DesignFactory(maker=maker)
    client.force_login(maker)
    response = client.post(
        "/makers/settings/",
        {
            "display_name": "Theo",
            "bio": "",
            "location": "",
            "website": "",
            "instagram": "",
            "banner_upload": upload(image_bytes(1800, 450), name="banner.png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:400]
    assert Brand.objects.get(maker=maker).banner is not None
    assert 'class="storefront-banner"' in client.get("/makers/theo/").content.decode()
