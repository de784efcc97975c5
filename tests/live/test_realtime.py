"""Chat and pins over the real transport: a daphne process serving HTTP and websockets, a websocket viewer
(aiohttp) and a second viewer posting with an ordinary form POST. Nothing is patched or simulated.

On the embedded default the channel layer is the daphne process's memory; with Redis two daphne
processes share one Redis, and an event sent by one reaches a viewer connected to the other.
"""

from __future__ import annotations

import pytest

from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.live import make_show
from tests.live.viewer import watch_while, ws_url
from tests.security import live

pytestmark = pytest.mark.django_db(transaction=True)


def _setup():
    show = make_show(slug="realtime-drop")
    writer = UserFactory(email="writer@example.org", handle="writer")
    live.production_password(writer, PASSWORD)
    live.production_password(show.host, PASSWORD)
    return show, writer


def _chat(site, session, slug, text):
    def post():
        answer = site.post(f"/live/{slug}/chat/", session, {"text": text})
        assert answer.status_code == 302, (answer.status_code, site.logs()[-2000:])

    return post


def test_a_chat_message_reaches_another_viewer_within_two_seconds(tmp_path):
    show, writer = _setup()
    env = live.production_env(database_url=live.database_url_for_subprocess(tmp_path), media_root=tmp_path / "m")
    with live.daphne(env, tmp_path=tmp_path) as site:
        session = site.login(writer.email, PASSWORD)
        event, seconds = watch_while(
            ws_url(site, show.slug),
            site.url,
            _chat(site, session, show.slug, "Hello over the websocket <script>x</script>"),
            lambda e: e.get("type") == "chat",
        )
        assert event is not None, site.logs()[-3000:]
        assert "Hello over the websocket" in event["html"] and "<script>" not in event["html"]
        assert seconds < 2.0

        host = site.login(show.host.email, PASSWORD)
        product = show.shelf.first().product
        event, seconds = watch_while(
            ws_url(site, show.slug),
            site.url,
            lambda: site.post(f"/live/{show.slug}/pin/", host, {"product": str(product.pk)}),
            lambda e: e.get("type") == "pin",
        )
        assert event == {"type": "pin", "product_id": product.pk, "title": product.title}
        assert seconds < 2.0


def test_websocket_from_another_site_is_refused(tmp_path):
    show, _writer = _setup()
    env = live.production_env(database_url=live.database_url_for_subprocess(tmp_path), media_root=tmp_path / "m")
    with live.daphne(env, tmp_path=tmp_path) as site:
        with pytest.raises(Exception, match="403|Invalid response status"):
            watch_while(ws_url(site, show.slug), "https://evil.example", lambda: None, lambda e: True, timeout=1)
        with pytest.raises(Exception, match="403|Invalid response status"):
            watch_while(ws_url(site, "no-such-drop"), site.url, lambda: None, lambda e: True, timeout=1)


@pytest.mark.redis
def test_two_processes_share_the_chat_through_redis(tmp_path):
    if not live.redis_server_available():
        pytest.skip("needs redis-server")
    show, writer = _setup()
    redis = live.RedisServer(tmp_path)
    try:
        env = live.production_env(
            database_url=live.database_url_for_subprocess(tmp_path), media_root=tmp_path / "m", REDIS_URL=redis.url
        )
        with live.daphne(env, tmp_path=tmp_path) as first, live.daphne(env, tmp_path=tmp_path) as second:
            session = second.login(writer.email, PASSWORD)
            event, seconds = watch_while(
                ws_url(first, show.slug),
                first.url,
                _chat(second, session, show.slug, "Sent to the second process"),
                lambda e: e.get("type") == "chat",
            )
            assert event is not None, first.logs()[-2000:] + second.logs()[-2000:]
            assert "Sent to the second process" in event["html"] and seconds < 2.0
    finally:
        redis.kill()


def test_with_redis_down_the_page_answers_and_chat_still_saves(tmp_path):
    """Redis on a closed port: the show page says live updates are unavailable; a chat post is kept."""
    show, writer = _setup()
    database_url = live.database_url_for_subprocess(tmp_path)
    env = live.production_env(
        database_url=database_url, media_root=tmp_path / "m", REDIS_URL=f"redis://127.0.0.1:{live.closed_port()}/0"
    )
    with live.daphne(env, tmp_path=tmp_path) as site:
        page = site.get(f"/live/{show.slug}/")
        assert page.status_code == 200, site.logs()[-3000:]
        assert "Live updates are unavailable right now" in page.text
        session = site.login(writer.email, PASSWORD)
        answer = site.post(f"/live/{show.slug}/chat/", session, {"text": "Kept without Redis"})
        assert answer.status_code == 302, site.logs()[-3000:]
        assert site.get(f"/live/{show.slug}/chat/since/?after=0").json()["messages"]
        rows = live.query(database_url, "SELECT COUNT(*) FROM live_chatmessage WHERE text = %s", ["Kept without Redis"])
        assert rows[0][0] == 1
