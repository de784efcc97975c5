"""Concurrent writes against a live server: no 500 ("database is locked"), every count exact.

The site runs in gunicorn with several worker processes and threads; members vote, follow and
double-submit "add to cart" at the same moment. Once on a SQLite file (the embedded default)
and once on PostgreSQL (when the suite runs there).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.security import live

pytestmark = [
    pytest.mark.security_category("concurrency"),
    pytest.mark.django_db(transaction=True),
]

MEMBERS = 8
PASSWORD = "a-long-crowd-password-7"


def make_crowd(members: int = MEMBERS) -> dict:
    """A maker with a design open for voting and a product, and members allowed to vote and buy."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories.designs import DesignFactory
    from tests.factories.shop import make_product
    from tests.factories.voting import VoterFactory

    maker = VoterFactory(email="crowd-maker@example.org", handle="crowdmaker")
    design = DesignFactory(maker=maker, title="Crowd favourite", slug="crowd-favourite")
    product = make_product(maker=maker, stock=100)
    emails = []
    for n in range(members):
        member = VoterFactory(
            email=f"crowd{n}@example.org", handle=f"crowd{n}", date_joined=timezone.now() - timedelta(days=40)
        )
        live.production_password(member, PASSWORD)
        emails.append(member.email)
    return {
        "design_id": design.pk,
        "design": design.slug,
        "maker_id": maker.pk,
        "maker": maker.handle,
        "variant": product.variants.first().pk,
        "emails": emails,
    }


def _migrated_sqlite_file(tmp_path) -> tuple[str, dict]:
    """The suite runs on PostgreSQL: build the embedded default's database from the migrations."""
    target = tmp_path / "embedded.sqlite3"
    env = live.production_env(database_url=f"sqlite:///{target}", media_root=tmp_path / "media")
    env["DEBUG"] = "true"  # development settings: the embedded default as `make run` has it
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=live.ROOT,
        env=env,
        check=True,
        timeout=900,
    )
    script = (
        "import json, django; django.setup();"
        "from tests.security.test_sqlite_concurrency import make_crowd; print(json.dumps(make_crowd()))"
    )
    made = subprocess.run(
        [sys.executable, "-c", script], cwd=live.ROOT, env=env, check=True, timeout=300, capture_output=True, text=True
    )
    return f"sqlite:///{target}", json.loads(made.stdout.strip().splitlines()[-1])


def _storm(site: live.Site, crowd: dict) -> list[tuple[str, int]]:
    sessions = [site.login(email, PASSWORD) for email in crowd["emails"]]
    jobs = []
    for session in sessions:
        jobs.append(("vote", session, f"/votes/{crowd['design']}/", {"score": "4", "would_buy": "on"}))
        jobs.append(("follow", session, f"/members/{crowd['maker']}/follow/", {}))
        # A double-submitted form: the same member adds the same item twice at once.
        jobs.append(("cart", session, "/shop/cart/add/", {"variant": str(crowd["variant"]), "quantity": "1"}))
        jobs.append(("cart", session, "/shop/cart/add/", {"variant": str(crowd["variant"]), "quantity": "1"}))
    barrier = threading.Barrier(len(jobs))

    def send(job):
        name, session, path, data = job
        barrier.wait(timeout=60)
        return name, site.post(path, session, data).status_code

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(send, jobs))


def _check_exact(database_url: str, crowd: dict, answers: list[tuple[str, int]], site: live.Site) -> None:
    assert all(status == 302 for _, status in answers), (answers, site.logs()[-3000:])
    votes = live.query(database_url, "SELECT COUNT(*) FROM voting_vote WHERE design_id = %s", [crowd["design_id"]])
    # Counters against a recount of the votes (the burst from one address is discounted by design).
    recount = live.query(
        database_url,
        "SELECT COALESCE(SUM(CASE WHEN weight > 0 THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN weight > 0 THEN score ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN weight = 0 THEN 1 ELSE 0 END), 0)"
        " FROM voting_vote WHERE design_id = %s",
        [crowd["design_id"]],
    )
    stats = live.query(
        database_url,
        "SELECT votes, score_sum, discounted FROM voting_designvotestats WHERE design_id = %s",
        [crowd["design_id"]],
    )
    follows = live.query(database_url, "SELECT COUNT(*) FROM community_follow WHERE maker_id = %s", [crowd["maker_id"]])
    quantities = live.query(
        database_url, "SELECT quantity FROM shop_cartitem WHERE variant_id = %s", [crowd["variant"]]
    )
    assert votes == [(MEMBERS,)]
    assert [tuple(int(v) for v in row) for row in recount] == stats
    assert stats[0][0] + stats[0][2] == MEMBERS
    assert follows == [(MEMBERS,)]
    assert sorted(q for (q,) in quantities) == [2] * MEMBERS


def _run(database_url: str, crowd: dict, tmp_path) -> None:
    env = live.production_env(database_url=database_url, media_root=tmp_path / "media")
    with live.gunicorn(env, workers=3, threads=4, tmp_path=tmp_path) as site:
        answers = _storm(site, crowd)
        _check_exact(database_url, crowd, answers, site)


def test_concurrent_votes_follows_and_cart_adds_on_a_sqlite_file(tmp_path):
    from django.db import connection

    if connection.vendor == "sqlite":
        crowd = make_crowd()
        database_url = live.database_url_for_subprocess(tmp_path)
    else:
        database_url, crowd = _migrated_sqlite_file(tmp_path)
    _run(database_url, crowd, tmp_path)


def test_concurrent_votes_follows_and_cart_adds_on_postgresql(postgres_only, tmp_path):
    crowd = make_crowd()
    _run(live.database_url_for_subprocess(tmp_path), crowd, tmp_path)
