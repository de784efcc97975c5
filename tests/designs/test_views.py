import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from designs.models import Design, DesignState, DesignTransition
from tests.factories import images as img
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory, category

pytestmark = pytest.mark.django_db
S = DesignState


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def submit(client, data: bytes, name="art.png", **extra):
    form = {
        "title": "Night Owl",
        "description": "An owl at night.",
        "category": category("apparel").pk,
        "tags": "owl, night",
        "rights_confirmed": "on",
        "images": img.upload(data, name),
        **extra,
    }
    return client.post("/designs/submit/", form)


@pytest.fixture
def maker_client(client):
    maker = UserFactory()
    client.force_login(maker)
    client.user = maker
    return client


@pytest.fixture
def editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_maker_submits_a_design_through_the_form(maker_client, settings):
    response = submit(maker_client, img.jpeg_with_gps(), "owl.jpg")
    assert response.status_code == 302
    design = Design.objects.get()
    assert design.state == S.SUBMITTED
    assert response["Location"] == f"/designs/{design.slug}/"
    assert sorted(t.name for t in design.tags.all()) == ["night", "owl"]
    page = maker_client.get(response["Location"])
    assert "Submitted" in page.content.decode()
    # The stored cover has no EXIF, GPS included.
    cover = design.images.get().image
    with cover.file.open("rb") as handle:
        data = handle.read()
    assert not Image.open(io.BytesIO(data)).getexif()
    assert b"SpyCam" not in data


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (img.bomb_png(), "bomb.png", "megapixels"),
        (img.svg_with_script(), "logo.png", "SVG"),
        (img.html_named_png(), "page.png", "web page"),
        (img.text_file(5), "text.png", "JPEG, PNG or WebP"),
        (img.image_bytes(600, 600), "small.png", "1200"),
        (img.animated_gif(), "anim.gif", "GIF"),
        (img.polyglot_png(), "poly.png", "hidden extra content"),
    ],
)
def test_refused_upload_shows_a_message_next_to_the_field_and_leaves_nothing(
    maker_client, settings, data, name, expected
):
    response = submit(maker_client, data, name)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_images_errors"' in html
    errors = re.search(r'id="id_images_errors"[^>]*>(.*?)</ul>', html, re.S).group(1)
    assert expected in errors
    assert Design.objects.count() == 0
    assert stored_files(settings) == []


def test_missing_rights_confirmation_is_refused(maker_client, settings):
    response = submit(maker_client, img.image_bytes(), rights_confirmed="")
    assert response.status_code == 400
    assert "own the rights" in response.content.decode()
    assert Design.objects.count() == 0
    assert stored_files(settings) == []


def test_detail_serves_webp_renditions_with_srcset(client):
    design = DesignFactory()
    html = client.get(design.get_absolute_url()).content.decode()
    tag = re.search(r"<img[^>]+srcset=\"([^\"]+)\"", html)
    assert tag, "the cover is served with srcset"
    candidates = tag.group(1).split(", ")
    assert len(candidates) == 3
    assert all(".webp" in c for c in candidates)


def test_renditions_are_made_once_not_per_request(client):
    design = DesignFactory()
    client.get(design.get_absolute_url())
    rendition_model = design.images.get().image.get_rendition_model()
    count = rendition_model.objects.count()
    client.get(design.get_absolute_url())
    assert rendition_model.objects.count() == count > 0


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/designs/{slug}/edit/"),
        ("post", "/designs/{slug}/edit/"),
        ("post", "/designs/{slug}/withdraw/"),
        ("post", "/designs/{slug}/send-for-review/"),
    ],
)
def test_owner_only_urls_refuse_other_members(client, method, path):
    design = DesignFactory(state=S.DRAFT)
    client.force_login(UserFactory())
    url = path.format(slug=design.slug)
    response = getattr(client, method)(url, {"title": "Hijacked", "category": design.category_id, "reason": "x"})
    assert response.status_code in (403, 404)
    design.refresh_from_db()
    assert design.state == S.DRAFT and design.title != "Hijacked"
    assert not DesignTransition.objects.filter(design=design).exists()


def test_owner_only_urls_send_visitors_to_login(client):
    design = DesignFactory(state=S.DRAFT)
    response = client.post(f"/designs/{design.slug}/withdraw/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    design.refresh_from_db()
    assert design.state == S.DRAFT


def test_private_states_are_hidden_from_others(client):
    for state in (S.DRAFT, S.SUBMITTED, S.REJECTED, S.WITHDRAWN):
        design = DesignFactory(state=state)
        assert client.get(design.get_absolute_url()).status_code == 404
        client.force_login(design.maker)
        assert client.get(design.get_absolute_url()).status_code == 200
        client.logout()


def test_removed_by_moderation_answers_410(client):
    design = DesignFactory(moderation_removed=True)
    assert client.get(design.get_absolute_url()).status_code == 410


def test_maker_withdraws_own_design(maker_client):
    design = DesignFactory(maker=maker_client.user, state=S.APPROVED)
    response = maker_client.post(f"/designs/{design.slug}/withdraw/", {"reason": "Reworking it"})
    assert response.status_code == 302
    design.refresh_from_db()
    assert design.state == S.WITHDRAWN


def test_maker_edits_text_after_approval_but_not_images(maker_client):
    design = DesignFactory(maker=maker_client.user, state=S.APPROVED)
    response = maker_client.post(
        f"/designs/{design.slug}/edit/",
        {"title": design.title, "description": "New words", "category": design.category_id, "tags": "new"},
    )
    assert response.status_code == 302
    design.refresh_from_db()
    assert design.description == "New words"


def test_title_change_keeps_old_url_as_301(maker_client):
    design = DesignFactory(maker=maker_client.user, state=S.SUBMITTED, title="Old name", slug="old-name")
    maker_client.post(
        "/designs/old-name/edit/", {"title": "New name", "description": "", "category": design.category_id, "tags": ""}
    )
    design.refresh_from_db()
    assert design.slug == "new-name"
    response = maker_client.get("/designs/old-name/")
    assert response.status_code == 301 and response["Location"] == "/designs/new-name/"


def test_editor_approves_in_the_wagtail_admin_and_it_shows_in_voting(client, editor):
    design = DesignFactory(state=S.SUBMITTED, approved_at=None, voting_starts_at=None, voting_ends_at=None)
    client.force_login(editor)
    queue = client.get("/admin/designs/review/")
    assert queue.status_code == 200
    assert design.title in queue.content.decode()
    response = client.post(f"/admin/designs/review/approve/{design.pk}/")
    assert response.status_code == 302
    design.refresh_from_db()
    assert design.state == S.APPROVED and design.voting_ends_at
    client.logout()
    assert "In voting" in client.get(design.get_absolute_url()).content.decode()
    listing = client.get("/designs/?state=approved").content.decode()
    assert design.title in listing


def test_editor_rejects_with_reason_and_maker_sees_it(client, editor):
    design = DesignFactory(state=S.SUBMITTED)
    client.force_login(editor)
    client.post(f"/admin/designs/review/reject/{design.pk}/", {"reason": ""})
    design.refresh_from_db()
    assert design.state == S.SUBMITTED, "no reason, no rejection"
    client.post(f"/admin/designs/review/reject/{design.pk}/", {"reason": "Please upload a sharper image."})
    design.refresh_from_db()
    assert design.state == S.REJECTED
    client.force_login(design.maker)
    assert "Please upload a sharper image." in client.get(design.get_absolute_url()).content.decode()


def test_makers_and_members_have_no_admin_access(client):
    design = DesignFactory(state=S.SUBMITTED)
    client.force_login(design.maker)
    assert client.get("/admin/").status_code in (302, 403)
    assert client.get("/admin/designs/review/").status_code in (302, 403)
    assert client.post(f"/admin/designs/review/approve/{design.pk}/").status_code in (302, 403)
    design.refresh_from_db()
    assert design.state == S.SUBMITTED


def test_browse_filters_by_category_tag_and_state(client):
    poster = DesignFactory(title="Poster one", category=category("poster"))
    mug = DesignFactory(title="Mug one", category=category("mug"), state=S.SHORTLISTED)
    poster.tags.add("night")
    poster.save()
    html = client.get("/designs/?category=poster").content.decode()
    assert "Poster one" in html and "Mug one" not in html
    html = client.get("/designs/?tag=night").content.decode()
    assert "Poster one" in html and "Mug one" not in html
    html = client.get("/designs/?state=shortlisted").content.decode()
    assert mug.title in html and "Poster one" not in html
    assert client.get("/designs/?state=nonsense&sort=drop%20table&page=-1").status_code == 200


def count_queries(client, url) -> int:
    client.get(url)  # the first request makes the renditions
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_browse_query_count_does_not_grow_with_designs(client):
    DesignFactory.create_batch(5)
    five = count_queries(client, "/designs/")
    DesignFactory.create_batch(45)
    fifty = count_queries(client, "/designs/")
    assert five == fifty


def test_detail_query_count_does_not_grow_with_images(client):
    one = DesignFactory(images=1)
    many = DesignFactory(images=5)
    assert count_queries(client, one.get_absolute_url()) == count_queries(client, many.get_absolute_url())
