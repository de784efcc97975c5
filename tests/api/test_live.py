"""Live drops over the API: lists, a drop with its shelf, the chat read with a cursor and written as a member."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from live import rules as live_rules
from live import services as live_services
from live.models import ChatMessage, ChatTimeout, ShowStatus
from tests.api.conftest import problem_of
from tests.factories.accounts import UserFactory
from tests.factories.live import make_show
from tests.factories.voting import VoterFactory

pytestmark = pytest.mark.django_db


def _slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def test_lists_of_drops(anon):
    live = make_show(status=ShowStatus.LIVE, products=0)
    soon = make_show(status=ShowStatus.SCHEDULED, products=0)
    later = make_show(status=ShowStatus.SCHEDULED, products=0, starts_at=timezone.now() + timedelta(days=3))
    over = make_show(status=ShowStatus.ENDED, products=0, ended_at=timezone.now())
    assert _slugs(anon.get("/api/v1/live/")) == [live.slug, soon.slug, later.slug]
    assert _slugs(anon.get("/api/v1/live/?when=live")) == [live.slug]
    assert _slugs(anon.get("/api/v1/live/?when=upcoming")) == [soon.slug, later.slug]
    assert _slugs(anon.get("/api/v1/live/?when=past")) == [over.slug]
    page = anon.get("/api/v1/live/?limit=1").json()
    assert page["items"][0]["host"]["handle"] == live.host.handle
    assert _slugs(anon.get(page["next"])) == [soon.slug]
    problem_of(anon.get("/api/v1/live/?when=someday"), 400)


def test_list_queries_do_not_grow_with_the_page(anon):
    for _ in range(2):
        make_show(status=ShowStatus.SCHEDULED, products=0)
    with CaptureQueriesContext(connection) as two:
        anon.get("/api/v1/live/")
    for _ in range(5):
        make_show(status=ShowStatus.SCHEDULED, products=0)
    with CaptureQueriesContext(connection) as seven:
        assert len(anon.get("/api/v1/live/").json()["items"]) == 7
    assert len(seven.captured_queries) == len(two.captured_queries)


def test_a_drop_with_its_shelf(anon):
    show = make_show(status=ShowStatus.LIVE, products=2)
    first, second = [item.product for item in show.shelf.all()]
    live_services.show_pin(show=show, by=show.host, product=second)
    response = anon.get(f"/api/v1/live/{show.slug}/")
    assert response.status_code == 200 and response["ETag"]
    body = response.json()
    assert body["status"] == "live" and body["chat_open"] and body["pinned_product"] == second.slug
    assert [p["slug"] for p in body["shelf"]] == [first.slug, second.slug]
    assert [p["pinned"] for p in body["shelf"]] == [False, True]
    variant = body["shelf"][0]["variants"][0]
    assert variant["id"] == first.variants.get().pk and variant["in_stock"]
    assert body["tips"]["count"] == 0 and body["tip_amounts"] == ["2.00", "5.00", "10.00"]
    shelf = anon.get(f"/api/v1/live/{show.slug}/shelf/").json()["items"]
    assert [p["slug"] for p in shelf] == [first.slug, second.slug]
    problem_of(anon.get("/api/v1/live/no-such-drop/"), 404)
    problem_of(anon.get("/api/v1/live/no-such-drop/shelf/"), 404)


def test_the_chat_is_read_with_a_cursor(anon):
    show = make_show(status=ShowStatus.LIVE, products=0)
    author = VoterFactory()
    ids = [ChatMessage.objects.create(show=show, author=author, text=f"m{i}").pk for i in range(5)]
    url = f"/api/v1/live/{show.slug}/chat/"
    newest = anon.get(f"{url}?limit=2").json()
    assert [m["text"] for m in newest["items"]] == ["m3", "m4"]
    older = anon.get(newest["previous"]).json()
    assert [m["text"] for m in older["items"]] == ["m1", "m2"]
    oldest = anon.get(older["previous"]).json()
    assert [m["text"] for m in oldest["items"]] == ["m0"] and oldest["previous"] is None
    # `next` leads to what is written later, and stays valid while nothing new came.
    assert anon.get(newest["next"]).json()["items"] == []
    ChatMessage.objects.create(show=show, author=author, text="m5")
    ChatMessage.objects.create(show=show, author=author, text="m6", moderation_removed=True)
    later = anon.get(newest["next"]).json()
    assert [(m["text"], m["removed"]) for m in later["items"]] == [("m5", False), ("", True)]
    assert later["items"][0]["author"]["handle"] == author.handle and later["items"][0]["id"] > ids[-1]
    problem_of(anon.get(f"{url}?cursor=forged"), 400)


def test_an_empty_chat_can_be_polled_from_the_start(anon):
    show = make_show(status=ShowStatus.LIVE, products=0)
    url = f"/api/v1/live/{show.slug}/chat/"
    empty = anon.get(url).json()
    assert empty["items"] == [] and empty["previous"] is None
    ChatMessage.objects.create(show=show, author=VoterFactory(), text="first")
    assert [m["text"] for m in anon.get(empty["next"]).json()["items"]] == ["first"]


def test_chat_queries_do_not_grow_with_the_page(anon):
    show = make_show(status=ShowStatus.LIVE, products=0)
    url = f"/api/v1/live/{show.slug}/chat/"
    ChatMessage.objects.create(show=show, author=VoterFactory(), text="one")
    with CaptureQueriesContext(connection) as one:
        anon.get(url)
    for i in range(6):
        ChatMessage.objects.create(show=show, author=VoterFactory(), text=f"more {i}")
    with CaptureQueriesContext(connection) as seven:
        assert len(anon.get(url).json()["items"]) == 7
    assert len(seven.captured_queries) == len(one.captured_queries)


def test_a_member_writes_in_the_chat(api, anon, member):
    show = make_show(status=ShowStatus.LIVE, products=0)
    url = f"/api/v1/live/{show.slug}/chat/"
    response = api.post(url, {"text": "Hello from the app"})
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "Hello from the app" and response.json()["author"]["handle"] == member.handle
    assert ChatMessage.objects.get(show=show).author == member
    problem_of(anon.post(url, {"text": "hi"}), 401)
    problem_of(api.post("/api/v1/live/no-such-drop/chat/", {"text": "hi"}), 404)


def test_chat_validation_and_closed_chat(api):
    show = make_show(status=ShowStatus.LIVE, products=0)
    url = f"/api/v1/live/{show.slug}/chat/"
    body = problem_of(api.post(url, {"text": "   "}), 400)
    assert body["errors"] == [{"field": "text", "message": "Please write something."}]
    body = problem_of(api.post(url, {"text": "x" * (live_rules.CHAT_MAX_LENGTH + 1)}), 400)
    assert body["errors"][0]["field"] == "text"
    problem_of(api.post(url, {}), 400)
    later = make_show(status=ShowStatus.SCHEDULED, products=0, starts_at=timezone.now() + timedelta(days=2))
    body = problem_of(api.post(f"/api/v1/live/{later.slug}/chat/", {"text": "early"}), 409)
    assert body["detail"] == "The chat is open while the drop is live."


def test_chat_rate_limit_and_time_out(api, member, monkeypatch):
    monkeypatch.setattr(live_rules, "CHAT_RATE_LIMIT_NEW", 1)
    show = make_show(status=ShowStatus.LIVE, products=0)
    url = f"/api/v1/live/{show.slug}/chat/"
    assert api.post(url, {"text": "one"}).status_code == 201
    response = api.post(url, {"text": "two"})
    problem_of(response, 429)
    assert response["Retry-After"]
    paused = make_show(status=ShowStatus.LIVE, products=0)
    ChatTimeout.objects.create(show=paused, member=member, until=timezone.now() + timedelta(minutes=5))
    problem_of(api.post(f"/api/v1/live/{paused.slug}/chat/", {"text": "hi"}), 403)


def test_chat_needs_a_verified_member(client):
    from api import services

    _record, raw = services.token_create(user=UserFactory(verified=False), name="App")
    show = make_show(status=ShowStatus.LIVE, products=0)
    response = client.post(
        f"/api/v1/live/{show.slug}/chat/",
        '{"text": "hi"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    problem_of(response, 403)
