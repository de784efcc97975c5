"""`make run` on another port: the links the site writes into emails point at that server."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def test_make_run_on_another_port_sets_the_site_url_for_email_links():
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    printed = subprocess.run(
        ["make", "-n", "run", "PORT=8123", "HOST=127.0.0.1"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    recipe = next(line for line in printed.splitlines() if "RUN_ADDRESS=" in line)
    exports = recipe.split("processes=web")[0]
    shown = subprocess.run(["bash", "-c", exports + ' echo "$SITE_URL"'], env=env, capture_output=True, text=True)
    assert shown.stdout.strip() == "http://127.0.0.1:8123"
    kept = subprocess.run(
        ["bash", "-c", exports + ' echo "$SITE_URL"'],
        env={**env, "SITE_URL": "https://shop.example"},
        capture_output=True,
        text=True,
    )
    assert kept.stdout.strip() == "https://shop.example"


def test_make_seed_prints_links_for_the_same_server():
    printed = subprocess.run(
        ["make", "-n", "seed", "PORT=8123", "HOST=127.0.0.1"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "SITE_URL=${SITE_URL:-http://127.0.0.1:8123} .venv/bin/python manage.py seed_demo" in printed
