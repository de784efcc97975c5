"""The storefront banner has one owner, the maker's brand: the storefront settings page and the brand
settings page both set it, the storefront shows it once, and both pages show the same image."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Profile
from accounts.services import profile_update
from core import privacy
from makers import services
from makers.models import Brand
from tests.factories.designs import DesignFactory
from tests.factories.images import image_bytes, upload
from tests.factories.live import make_maker

pytestmark = pytest.mark.django_db

PROFILE = {"display_name": "Theo", "bio": "", "location": "", "website": "", "instagram": ""}


def _maker(client, handle="theo"):
    maker = make_maker(handle=handle)
    DesignFactory(maker=maker)
    client.force_login(maker)
    return maker


def _banner(width=1800, height=450, colour=(30, 90, 160), name="banner.png"):
    return upload(image_bytes(width, height, colour=colour), name=name)


def _storefront(client, handle="theo") -> str:
    response = client.get(f"/makers/{handle}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_profile_has_no_banner_of_its_own():
    assert "banner" not in {field.name for field in Profile._meta.get_fields()}
    with pytest.raises(TypeError):
        profile_update(user=make_maker(), bio="", location="", website="", instagram="", banner=None)


def test_a_banner_from_the_settings_page_replaces_the_brand_banner_and_shows_once(client):
    maker = _maker(client)
    services.brand_update(maker=maker, banner_upload=_banner(colour=(200, 30, 30)), banner_alt="Old red waves")
    old = Brand.objects.get(maker=maker).banner

    response = client.post("/makers/settings/", {**PROFILE, "banner_upload": _banner(name="new.png")})
    assert response.status_code == 302, response.content.decode()[:400]

    brand = Brand.objects.get(maker=maker)
    assert brand.banner_id not in (None, old.pk)
    assert brand.banner_alt == ""  # the old description was of the old image
    html = _storefront(client)
    assert html.count('class="storefront-banner"') == 1
    assert brand.banner.get_rendition("fill-1200x300|format-webp").url in html
    assert "Old red waves" not in html
    # The brand page and the settings page show the banner the storefront shows.
    brand_page = client.get("/makers/settings/brand/").content.decode()
    settings_page = client.get("/makers/settings/").content.decode()
    shown = brand.banner.get_rendition("fill-600x150|format-webp").url
    assert shown in brand_page and shown in settings_page
    assert old.get_rendition("fill-600x150|format-webp").url not in brand_page


def test_a_banner_from_the_settings_page_creates_the_brand(client):
    maker = _maker(client)
    assert not Brand.objects.filter(maker=maker).exists()
    response = client.post("/makers/settings/", {**PROFILE, "bio": "Prints.", "banner_upload": _banner()})
    assert response.status_code == 302
    brand = Brand.objects.get(maker=maker)
    assert brand.banner is not None and brand.accent_colour == ""
    assert Profile.objects.get(user=maker).bio == "Prints."
    assert brand.banner.get_rendition("fill-1200x300|format-webp").url in _storefront(client)


def test_removing_the_banner_on_the_brand_page_removes_it_from_the_storefront(client):
    maker = _maker(client)
    client.post("/makers/settings/", {**PROFILE, "banner_upload": _banner()})
    assert 'class="storefront-banner"' in _storefront(client)

    response = client.post("/makers/settings/brand/", {"accent_colour": "", "banner_alt": "", "remove_banner": "on"})
    assert response.status_code == 302, response.content.decode()[:400]

    assert Brand.objects.get(maker=maker).banner is None
    assert 'class="storefront-banner"' not in _storefront(client)
    assert "Describe or remove the banner" not in client.get("/makers/settings/").content.decode()


def test_a_refused_banner_is_reported_at_the_banner_field_and_changes_nothing(client):
    maker = _maker(client)
    response = client.post("/makers/settings/", {**PROFILE, "bio": "New bio", "banner_upload": _banner(1800, 100)})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors.get("banner_upload") and not form.errors.get("avatar_upload")
    assert Profile.objects.get(user=maker).bio == ""
    assert not Brand.objects.filter(maker=maker).exists()


def test_the_brand_page_and_the_settings_page_keep_one_banner_rule():
    maker = make_maker()
    for upload_banner in (
        lambda image: services.brand_update(maker=maker, banner_upload=image),
        lambda image: services.maker_settings_update(user=maker, display_name="", profile_data={}, banner_upload=image),
    ):
        with pytest.raises(ValidationError) as refused:
            upload_banner(_banner(1200, 250))
        assert "banner_upload" in refused.value.message_dict
    assert not Brand.objects.filter(maker=maker, banner__isnull=False).exists()


def test_the_data_download_holds_the_brand_and_deletion_removes_it(client):
    from wagtail.images import get_image_model

    maker = _maker(client)
    services.brand_update(maker=maker, banner_upload=_banner(), banner_alt="Blue waves", blocks=[("Hi", "I print.")])
    image_id = Brand.objects.get(maker=maker).banner_id

    exported = privacy.export(maker)["brand"]
    assert exported["banner_alt"] == "Blue waves" and exported["banner"].startswith("original_images/banner-theo")
    assert exported["intro_blocks"] == [{"heading": "Hi", "text": "I print."}]

    privacy.erase(maker)
    assert not Brand.objects.filter(maker=maker).exists()
    assert not get_image_model().objects.filter(pk=image_id).exists()


def test_the_demo_makers_have_a_storefront_banner(client):
    from community.demo import seed_accounts
    from makers.demo import seed_makers

    users = seed_accounts()
    brands = seed_makers()
    assert {brand.maker.email for brand in brands} == {"maker@example.com", "maker2@example.com"}
    assert all(brand.banner and brand.banner_alt for brand in brands)
    assert seed_makers() == brands  # a second run keeps them
    mira = users["maker@example.com"]
    DesignFactory(maker=mira)
    assert 'class="storefront-banner"' in _storefront(client, mira.handle)
