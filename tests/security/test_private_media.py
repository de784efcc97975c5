"""Unpublished work stays private: originals never public, renditions of non-public designs neither.

Before the fix, the original of a draft downloaded from /media/original_images/<slug>-1.png.
"""

from __future__ import annotations

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.images import get_image_model

from designs import services
from designs.media import is_unguessable, rename_design_originals
from designs.models import Design, DesignImage
from tests.factories.accounts import UserFactory
from tests.factories.designs import category
from tests.factories.editorial import staff_user
from tests.factories.images import image_bytes, upload
from tests.security import live

pytestmark = [pytest.mark.security_category("privacy"), pytest.mark.django_db]

PRIVATE_STATES = ["draft", "submitted", "rejected", "withdrawn"]


def _design(maker, *, state: str) -> Design:
    design = services.design_create(
        maker=maker,
        title="Secret sunrise",
        category=category(),
        images=[upload(image_bytes(1300, 1300))],
        rights_confirmed=True,
        submit=False,
    )
    Design.objects.filter(pk=design.pk).update(state=state)
    design.refresh_from_db()
    return design


def _urls(design) -> tuple[str, str]:
    image = design.images.get().image
    return image.file.url, image.get_rendition("fill-480x480").url


def test_uploaded_originals_get_unguessable_names():
    design = _design(UserFactory(), state="draft")
    name = design.images.get().image.file.name
    assert name.startswith("original_images/")
    assert is_unguessable(name)
    assert design.slug not in name and "secret" not in name


@pytest.mark.parametrize("state", PRIVATE_STATES)
def test_originals_and_renditions_of_unpublished_designs_are_private(client, state):
    maker = UserFactory()
    design = _design(maker, state=state)
    original, rendition = _urls(design)

    assert client.get(f"/media/original_images/{design.slug}-1.png").status_code == 404
    assert client.get(original).status_code == 404
    assert client.get(rendition).status_code == 404
    client.force_login(UserFactory())
    assert client.get(original).status_code == 404
    assert client.get(rendition).status_code == 404

    client.force_login(maker)
    answer = client.get(rendition)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/png"
    assert "private" in answer["Cache-Control"]
    assert client.get(original).status_code == 200
    client.force_login(staff_user("Moderators"))
    assert client.get(original).status_code == 200
    assert client.get(rendition).status_code == 200


def test_public_design_shows_renditions_to_everyone_but_never_its_original(client):
    maker = UserFactory()
    design = _design(maker, state="approved")
    original, rendition = _urls(design)
    answer = client.get(rendition)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "public" in answer["Cache-Control"]
    assert client.get(original).status_code == 404
    client.force_login(maker)
    assert client.get(original).status_code == 200


def test_media_view_refuses_paths_outside_the_media_folder(client):
    for path in ["/media/../config/settings.py", "/media/%2e%2e/manage.py"]:
        assert client.get(path).status_code == 404
    # A NUL byte never reaches the media view (core.params.RejectNulBytesMiddleware).
    assert client.get("/media/images/%00x.png").status_code == 400


def test_existing_guessable_files_are_renamed_and_their_renditions_dropped(client):
    maker = UserFactory()
    design = _design(maker, state="draft")
    image = design.images.get().image
    old = default_storage.save(f"original_images/{design.slug}-1.png", ContentFile(image_bytes(64, 64)))
    get_image_model().objects.filter(pk=image.pk).update(file=old)
    image.refresh_from_db()
    rendition = image.get_rendition("fill-480x480")
    kwargs = {
        "image_model": get_image_model(),
        "rendition_model": get_image_model().get_rendition_model(),
        "design_image_model": DesignImage,
        "storage": default_storage,
    }

    assert rename_design_originals(**kwargs) == 1
    image.refresh_from_db()
    assert is_unguessable(image.file.name)
    assert default_storage.exists(image.file.name)
    assert not default_storage.exists(old)
    assert not default_storage.exists(rendition.file.name)
    assert not image.renditions.exists()
    assert rename_design_originals(**kwargs) == 0


@pytest.fixture
def moto_s3():
    server = live.MotoServer()
    yield server
    server.kill()


def test_private_bucket_on_moto_server_mode_serves_only_signed_urls(client, settings, moto_s3):
    s3 = moto_s3.use_private_bucket(settings)
    maker = UserFactory()
    public = _design(maker, state="approved")
    draft = _design(maker, state="draft")
    original, rendition = _urls(public)
    draft_original, draft_rendition = _urls(draft)
    stored = {item["Key"] for item in s3.list_objects_v2(Bucket="commonmade-media")["Contents"]}
    assert {original.removeprefix("/media/"), rendition.removeprefix("/media/")} <= stored

    # The bucket itself answers nobody without a signature.
    for url in (original, rendition, draft_original):
        assert (
            requests.get(f"{moto_s3.url}/commonmade-media/{url.removeprefix('/media/')}", timeout=10).status_code == 403
        )

    answer = client.get(rendition)
    assert answer.status_code == 302
    signed = requests.get(answer["Location"], timeout=10)
    assert signed.status_code == 200
    assert signed.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(original).status_code == 404
    assert client.get(draft_rendition).status_code == 404
    assert client.get(draft_original).status_code == 404
    client.force_login(maker)
    assert requests.get(client.get(draft_original)["Location"], timeout=10).status_code == 200
