"""Redis down (cache, rate limits and Celery broker): the site keeps answering, nothing is lost.

Each test runs the site in its own gunicorn process with the production settings and a
REDIS_URL whose server is not there: a port nothing listens on, or a redis-server this test
started and then killed while the site ran. No client is patched.
"""

from __future__ import annotations

import re

import pytest

from tests.factories.accounts import PASSWORD
from tests.factories.designs import DesignFactory
from tests.factories.shop import make_product
from tests.factories.voting import VoterFactory
from tests.security import live

pytestmark = [
    pytest.mark.security_category("faults"),
    pytest.mark.django_db(transaction=True),
]

PUBLIC_PAGES = ["/", "/designs/", "/shop/", "/accounts/login/", "/challenges/", "/trending/", "/search/?q=design"]


@pytest.fixture
def catalogue():
    voter = VoterFactory(email="voter@example.org", handle="voter")
    live.production_password(voter, PASSWORD)
    design = DesignFactory(title="Fault tolerant fox", slug="fault-tolerant-fox")
    product = make_product()
    return {"voter": voter, "design": design, "product": product}


def _target_token(html: str) -> str:
    match = re.search(r'name="target" value="([^"]+)"', html)
    assert match, "the design page has no comment form"
    return match.group(1)


def _walk_anonymous(site: live.Site, catalogue) -> dict[str, int]:
    paths = [*PUBLIC_PAGES, f"/designs/{catalogue['design'].slug}/", f"/shop/{catalogue['product'].slug}/"]
    return {path: site.get(path).status_code for path in paths}


def _vote_and_comment(site: live.Site, catalogue, *, score: int, text: str) -> tuple[int, int]:
    session = site.login("voter@example.org", PASSWORD)
    design_path = f"/designs/{catalogue['design'].slug}/"
    page = site.get(design_path, session)
    assert page.status_code == 200, page.status_code
    vote = site.post(f"/votes/{catalogue['design'].slug}/", session, {"score": str(score), "would_buy": "on"})
    comment = site.post(
        "/comments/post/", session, {"target": _target_token(page.text), "comment": text, "followup": ""}
    )
    return vote.status_code, comment.status_code


def _votes(database_url: str, design_id: int) -> list[tuple[int, bool]]:
    return live.query(database_url, "SELECT score, would_buy FROM voting_vote WHERE design_id = %s", [design_id])


def _comments(database_url: str, text: str) -> int:
    rows = live.query(database_url, "SELECT COUNT(*) FROM django_comments WHERE comment = %s", [text])
    return rows[0][0]


def test_site_answers_with_redis_on_a_closed_port(catalogue, tmp_path):
    database_url = live.database_url_for_subprocess(tmp_path)
    env = live.production_env(
        database_url=database_url,
        media_root=tmp_path / "media",
        REDIS_URL=f"redis://127.0.0.1:{live.closed_port()}/0",
    )
    with live.gunicorn(env, tmp_path=tmp_path) as site:
        statuses = _walk_anonymous(site, catalogue)
        assert statuses == dict.fromkeys(statuses, 200), site.logs()[-3000:]

        vote, comment = _vote_and_comment(site, catalogue, score=4, text="Still here without Redis.")
        assert (vote, comment) == (302, 302), site.logs()[-3000:]
        assert _votes(database_url, catalogue["design"].pk) == [(4, True)]
        assert _comments(database_url, "Still here without Redis.") == 1

        # Sign-ups fail closed while the counters are unavailable: a clear refusal, no account.
        signup_page = site.get("/accounts/signup/")
        assert signup_page.status_code == 429
        assert "Please try again in a few minutes." in signup_page.text
        session = live.requests.Session()
        site.get("/accounts/login/", session)  # sets the CSRF cookie
        signup = site.post(
            "/accounts/signup/",
            session,
            {
                "email": "new@example.org",
                "username": "newperson",
                "password1": "a-long-new-password-9",
                "password2": "a-long-new-password-9",
            },
        )
        assert signup.status_code == 429
        new_accounts = live.query(
            database_url, "SELECT COUNT(*) FROM community_user WHERE email = %s", ["new@example.org"]
        )
        assert new_accounts == [(0,)]

        health = site.get("/healthz")
        assert health.status_code == 200
        body = health.json()
        assert body["status"] == "degraded"
        assert body["database"] == "ok"
        assert body["cache"] == "down"
        assert body["broker"] == "down"


@pytest.mark.skipif(not live.redis_server_available(), reason="needs redis-server (apt-get install redis-server)")
def test_site_keeps_answering_when_its_redis_server_is_killed_mid_run(catalogue, tmp_path):
    database_url = live.database_url_for_subprocess(tmp_path)
    redis = live.RedisServer(tmp_path)
    try:
        env = live.production_env(database_url=database_url, media_root=tmp_path / "media", REDIS_URL=redis.url)
        with live.gunicorn(env, tmp_path=tmp_path) as site:
            # Warm: the cache and the broker answer.
            warm = _walk_anonymous(site, catalogue)
            assert warm == dict.fromkeys(warm, 200), site.logs()[-3000:]
            health = site.get("/healthz").json()
            assert (health["cache"], health["broker"]) == ("ok", "ok")
            session = site.login("voter@example.org", PASSWORD)
            first = site.post(f"/votes/{catalogue['design'].slug}/", session, {"score": "2"})
            assert first.status_code == 302

            redis.kill()

            statuses = _walk_anonymous(site, catalogue)
            assert statuses == dict.fromkeys(statuses, 200), site.logs()[-3000:]
            # The member logged in before the outage stays logged in (sessions live in the database).
            assert site.get("/feed/", session).status_code == 200
            vote, comment = _vote_and_comment(site, catalogue, score=5, text="Written while Redis was gone.")
            assert (vote, comment) == (302, 302), site.logs()[-3000:]
            assert _votes(database_url, catalogue["design"].pk) == [(5, True)]
            assert _comments(database_url, "Written while Redis was gone.") == 1
            health = site.get("/healthz")
            assert health.status_code == 200
            assert (health.json()["status"], health.json()["cache"]) == ("degraded", "down")

            # Redis comes back on the same port: the site uses it again.
            redis = live.RedisServer(tmp_path, port=redis.port)
            assert _wait_for(lambda: site.get("/healthz").json()["cache"] == "ok")
    finally:
        redis.kill()


def _wait_for(condition, seconds: float = 30) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False
