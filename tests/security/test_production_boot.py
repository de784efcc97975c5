"""The production path: production settings in a real gunicorn process, pages, static files, media.

Before the fix every page answered 500 until collectstatic had run ("Missing staticfiles
manifest entry"), and uploaded media answered 404 with DEBUG off.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from designs import services
from tests.factories.accounts import UserFactory
from tests.factories.designs import category
from tests.factories.images import image_bytes, upload
from tests.factories.shop import make_product
from tests.security import live

pytestmark = [pytest.mark.security_category("deployment"), pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/de/", "/designs/", "/shop/", "/accounts/login/", "/challenges/", "/search/?q=sunrise", "/sitemap.xml"]


@pytest.fixture
def public_design(settings):
    design = services.design_create(
        maker=UserFactory(),
        title="Public sunrise",
        category=category(),
        images=[upload(image_bytes(1300, 1300))],
        rights_confirmed=True,
        submit=False,
    )
    type(design).objects.filter(pk=design.pk).update(state="approved")
    make_product()
    return design


def _image_urls(html: str) -> list[str]:
    return re.findall(r'src="(/media/images/[^"]+)"', html)


def test_production_settings_serve_pages_static_files_and_media_in_gunicorn(public_design, settings, tmp_path):
    database_url = live.database_url_for_subprocess(tmp_path)
    static_root = tmp_path / "static"
    env = live.production_env(database_url=database_url, media_root=settings.MEDIA_ROOT, static_root=static_root)
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=live.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert collected.returncode == 0, collected.stderr
    assert (static_root / "staticfiles.json").exists()

    with live.gunicorn(env, workers=2, threads=2, tmp_path=tmp_path) as site:
        statuses = {path: site.get(path).status_code for path in PAGES}
        assert statuses == dict.fromkeys(PAGES, 200), site.logs()[-3000:]

        home = site.get("/").text
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
        assert stylesheet, "the home page links the hashed stylesheet"
        css = site.get(stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
        assert css.status_code == 200
        assert "max-age=315360000" in css.headers["Cache-Control"]
        assert css.headers.get("Content-Encoding") == "gzip"

        page = site.get(f"/designs/{public_design.slug}/")
        assert page.status_code == 200
        images = _image_urls(page.text)
        assert images, "the design page shows its image"
        image = site.get(images[0])
        assert image.status_code == 200
        assert image.headers["Content-Type"] == "image/webp"
        assert image.content[:4] == b"RIFF"
        original = public_design.images.get().image.file.url
        assert site.get(original).status_code == 404

        health = site.get("/healthz")
        assert health.status_code == 200
        assert health.json()["database"] == "ok"
        assert "Traceback" not in site.logs()


def test_pages_answer_before_collectstatic_has_run(public_design, settings, tmp_path):
    env = live.production_env(
        database_url=live.database_url_for_subprocess(tmp_path),
        media_root=settings.MEDIA_ROOT,
        static_root=tmp_path / "never-collected",
    )
    with live.gunicorn(env, tmp_path=tmp_path) as site:
        for path in ["/", "/designs/", f"/designs/{public_design.slug}/", "/accounts/login/"]:
            assert site.get(path).status_code == 200, (path, site.logs()[-3000:])
        assert 'href="/static/css/site.css"' in site.get("/").text
        assert site.get("/static/css/site.css").status_code == 200
        assert "static files were not collected" in site.logs()
