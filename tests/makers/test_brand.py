"""Makers as brands: accent colour with a contrast check, banner, intro blocks, curated collections,
the brand stylesheet on the storefront and referral commissions on the dashboard."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.colour import contrast_ratio
from makers import services
from makers.models import MakerCollection, RoyaltyEntry, RoyaltyKind
from shop.models import ProductStatus
from tests.factories.accounts import UserFactory
from tests.factories.live import make_maker
from tests.factories.shop import make_product, paid_line

pytestmark = pytest.mark.django_db


def _png(width=1200, height=300) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile("banner.png", buffer.getvalue(), content_type="image/png")


def test_contrast_ratio_follows_wcag():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48


def test_accent_colour_needs_contrast_with_white_text():
    maker = make_maker()
    for light in ("#ffff00", "#7a7a7a", "#ff9900"):
        with pytest.raises(ValidationError, match="too light"):
            services.brand_update(maker=maker, accent_colour=light)
    for bad in ("red", "#12345", "javascript:alert(1)", "#1f5fa8;}body{display:none"):
        with pytest.raises(ValidationError):
            services.brand_update(maker=maker, accent_colour=bad)
    brand = services.brand_update(maker=maker, accent_colour="1F5FA8")
    assert brand.accent_colour == "#1f5fa8"


def test_storefront_shows_brand_banner_intro_and_collections(client):
    maker = make_maker(handle="brandy")
    tee, retired = make_product(maker=maker), make_product(maker=maker)
    retired.status = ProductStatus.RETIRED
    retired.save()
    services.brand_update(
        maker=maker,
        accent_colour="#1f5fa8",
        banner_upload=_png(),
        banner_alt="Blue waves",
        blocks=[("Who I am", "I print **waves**.<script>alert(1)</script>"), ("", ""), ("Studio", "Berlin")],
    )
    services.collection_save(maker=maker, title="Summer", description="Light things", product_ids=[tee.pk, retired.pk])
    html = client.get("/makers/brandy/").content.decode()
    assert 'href="/makers/brandy/brand.css' in html
    assert 'alt="Blue waves"' in html
    assert "<strong>waves</strong>" in html and "<script>alert(1)" not in html
    assert "Summer" in html and tee.title in html and retired.title not in html

    css = client.get("/makers/brandy/brand.css")
    assert css["Content-Type"].startswith("text/css")
    assert "--accent: #1f5fa8" in css.content.decode()
    assert client.get(f"/makers/{UserFactory().handle}/brand.css").status_code == 404


def test_collections_hold_only_the_makers_own_products():
    maker, other = make_maker(), make_maker()
    theirs = make_product(maker=other)
    with pytest.raises(ValidationError):
        services.collection_save(maker=maker, title="Mine", product_ids=[theirs.pk])
    collection = services.collection_save(maker=other, title="Theirs", product_ids=[theirs.pk])
    with pytest.raises(PermissionDenied):
        services.collection_save(maker=maker, title="Taken", product_ids=[], collection=collection)
    with pytest.raises(PermissionDenied):
        services.collection_delete(maker=maker, collection=collection)


def test_brand_and_collection_pages(client):
    maker = make_maker()
    product = make_product(maker=maker)
    client.force_login(maker)
    assert client.get("/makers/settings/brand/").status_code == 200
    answer = client.post("/makers/settings/brand/", {"accent_colour": "#ffff66"})
    assert answer.status_code == 400 and "too light" in answer.content.decode()
    answer = client.post(
        "/makers/settings/brand/", {"accent_colour": "#1f5fa8", "block_1_heading": "Hi", "block_1_text": "Hello"}
    )
    assert answer.status_code == 302
    answer = client.post("/makers/settings/collections/new/", {"title": "Best", "products": [product.pk]})
    assert answer.status_code == 302
    collection = MakerCollection.objects.get(maker=maker)
    assert list(collection.products.all()) == [product]
    client.force_login(UserFactory())
    assert client.get(f"/makers/settings/collections/{collection.pk}/").status_code == 404


def test_dashboard_shows_referral_commissions(client):
    maker = make_maker(handle="sharer")
    line = paid_line(UserFactory(), make_product())
    RoyaltyEntry.objects.create(
        maker=maker,
        order_line=line,
        kind=RoyaltyKind.REFERRAL,
        quantity=1,
        amount=Decimal("1.25"),
        description="Referral commission",
    )
    client.force_login(maker)
    html = client.get("/dashboard/").content.decode()
    assert "Referral commissions" in html
    assert "?ref=sharer" in html
    assert "1.25" in html and "1 referred order" in html
