"""Pages and permissions: /live/, a drop's page, the plain-form chat, the shelf, the host's controls."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from live import rules as live_rules
from live.models import ChatMessage, LiveShow, ShowStatus
from live.services import chat_post
from shop.models import CartItem
from tests.factories.accounts import UserFactory
from tests.factories.live import make_maker, make_show

pytestmark = pytest.mark.django_db


def test_live_listing_shows_now_upcoming_and_replays(client):
    now = make_show(title="On air now")
    soon = make_show(title="Coming soon", status=ShowStatus.SCHEDULED)
    past = make_show(title="Yesterday's drop", status=ShowStatus.ENDED, ended_at=timezone.now())
    page = client.get("/live/")
    assert page.status_code == 200
    html = page.content.decode()
    for show in (now, soon, past):
        assert show.get_absolute_url() in html
    assert html.index("On air now") < html.index("Coming soon") < html.index("Yesterday")


def test_show_page_for_anyone_with_event_json_ld(client):
    show = make_show(description="Screen prints, *live*.")
    page = client.get(show.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    event = next(b for b in blocks if b.get("@type") == "Event")
    assert event["name"] == show.title and event["subEvent"]["@type"] == "BroadcastEvent"
    assert "Log in to chat" in html
    assert client.get("/live/no-such-drop/").status_code == 404


def test_live_drops_are_in_the_sitemap(client):
    show = make_show()
    cancelled = make_show(status=ShowStatus.CANCELLED)
    xml = client.get("/sitemap-live.xml").content.decode()
    assert show.get_absolute_url() in xml and cancelled.get_absolute_url() not in xml


def test_chat_without_javascript_is_a_form_post(client):
    show = make_show()
    viewer = UserFactory()
    client.force_login(viewer)
    answer = client.post(reverse("live:chat", args=[show.slug]), {"text": "Hello from a plain form"})
    assert answer.status_code == 302
    message = ChatMessage.objects.get(show=show)
    assert answer["Location"].endswith(f"#m{message.pk}")
    assert "Hello from a plain form" in client.get(show.get_absolute_url()).content.decode()


def test_chat_as_json_for_the_page_script(client):
    show = make_show()
    client.force_login(UserFactory())
    answer = client.post(reverse("live:chat", args=[show.slug]), {"text": "<b>hi</b>"}, HTTP_ACCEPT="application/json")
    data = answer.json()
    assert data["ok"] and "&lt;b&gt;hi&lt;/b&gt;" in data["html"]
    since = client.get(reverse("live:chat_since", args=[show.slug]) + "?after=0").json()
    assert [m["id"] for m in since["messages"]] == [data["id"]]
    empty = client.post(reverse("live:chat", args=[show.slug]), {"text": ""}, HTTP_ACCEPT="application/json")
    assert empty.status_code == 400


def test_chat_rate_limit_answers_429(client, monkeypatch):
    monkeypatch.setattr(live_rules, "CHAT_RATE_LIMIT_NEW", 1)
    show = make_show()
    client.force_login(UserFactory())
    url = reverse("live:chat", args=[show.slug])
    assert client.post(url, {"text": "one"}, HTTP_ACCEPT="application/json").status_code == 200
    assert client.post(url, {"text": "two"}, HTTP_ACCEPT="application/json").status_code == 429


def test_anonymous_visitors_cannot_chat(client):
    show = make_show()
    answer = client.post(reverse("live:chat", args=[show.slug]), {"text": "hi"}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 403 and not ChatMessage.objects.exists()


def test_shelf_buy_adds_the_product_to_the_cart(client):
    show = make_show()
    product = show.shelf.first().product
    viewer = UserFactory()
    client.force_login(viewer)
    html = client.get(show.get_absolute_url()).content.decode()
    assert reverse("shop:cart_add") in html
    variant = product.variants.first()
    answer = client.post(
        reverse("shop:cart_add"), {"variant": variant.pk, "quantity": 1, "next": show.get_absolute_url()}
    )
    assert answer.status_code == 302
    assert CartItem.objects.get(cart__user=viewer).variant == variant


@pytest.mark.parametrize("action", ["start", "end", "cancel"])
def test_only_the_host_or_staff_run_the_show(client, action):
    show = make_show(status=ShowStatus.SCHEDULED if action == "start" else ShowStatus.LIVE)
    before = show.status
    url = reverse("live:control", args=[show.slug, action])
    assert client.post(url).status_code == 302 and LiveShow.objects.get(pk=show.pk).status == before  # to login
    client.force_login(UserFactory())
    assert client.post(url, HTTP_ACCEPT="application/json").status_code == 403
    assert LiveShow.objects.get(pk=show.pk).status == before
    client.force_login(UserFactory(is_staff=True))
    assert client.post(url, HTTP_ACCEPT="application/json").status_code == 200
    assert LiveShow.objects.get(pk=show.pk).status != before


def test_host_pins_others_cannot(client):
    show = make_show()
    product = show.shelf.first().product
    url = reverse("live:pin", args=[show.slug])
    client.force_login(UserFactory())
    assert client.post(url, {"product": product.pk}, HTTP_ACCEPT="application/json").status_code == 403
    client.force_login(show.host)
    answer = client.post(url, {"product": product.pk}, HTTP_ACCEPT="application/json")
    assert answer.json() == {"ok": True, "message": f"Pinned: {product.title}", "pinned": product.pk}
    html = client.get(show.get_absolute_url()).content.decode()
    assert "shelf__item--pinned" in html and f"Now showing: {product.title}" in html


@pytest.mark.parametrize("product", ["abc", "-1", "99999999999999999999", "1.5"])
def test_a_product_that_does_not_read_is_refused_after_who_may_pin(client, product):
    show = make_show()
    url = reverse("live:pin", args=[show.slug])
    client.force_login(UserFactory())
    assert client.post(url, {"product": product}, HTTP_ACCEPT="application/json").status_code == 403
    client.force_login(show.host)
    answer = client.post(url, {"product": product}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 400
    assert answer.json() == {"ok": False, "error": "Only products on this drop's shelf can be pinned."}
    assert LiveShow.objects.get(pk=show.pk).pinned_product_id is None


def test_unpinning_sends_no_product(client):
    show = make_show()
    product = show.shelf.first().product
    url = reverse("live:pin", args=[show.slug])
    client.force_login(show.host)
    client.post(url, {"product": product.pk}, HTTP_ACCEPT="application/json")
    answer = client.post(url, {"product": ""}, HTTP_ACCEPT="application/json")
    assert answer.json() == {"ok": True, "message": "Unpinned.", "pinned": None}


def test_a_time_out_reads_the_member_and_the_minutes(client):
    show = make_show()
    fan = UserFactory()
    url = reverse("live:timeout", args=[show.slug])
    client.force_login(show.host)
    unknown = client.post(url, {"member": "@nobody-here", "minutes": "10"}, HTTP_ACCEPT="application/json")
    assert unknown.status_code == 400 and unknown.json()["error"] == "No member with this handle."
    bad_minutes = client.post(url, {"member": fan.handle, "minutes": "ten"}, HTTP_ACCEPT="application/json")
    assert bad_minutes.status_code == 400 and bad_minutes.json()["error"] == "Enter a whole number."
    done = client.post(url, {"member": f"@{fan.handle}", "minutes": "10"}, HTTP_ACCEPT="application/json")
    assert done.status_code == 200 and done.json()["ok"] is True
    assert show.timeouts.filter(member=fan).exists()


def test_only_host_and_moderators_see_and_use_remove(client):
    show = make_show()
    message = chat_post(show=show, author=UserFactory(), text="hello")
    url = reverse("live:chat_remove", args=[show.slug, message.pk])
    viewer = UserFactory()
    client.force_login(viewer)
    assert url not in client.get(show.get_absolute_url()).content.decode()
    assert client.post(url, HTTP_ACCEPT="application/json").status_code == 403
    client.force_login(show.host)
    assert url in client.get(show.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 302
    assert ChatMessage.objects.get(pk=message.pk).moderation_removed


def test_report_page_uses_the_community_flag_form(client):
    show = make_show()
    message = chat_post(show=show, author=UserFactory(), text="hello")
    client.force_login(UserFactory())
    page = client.get(reverse("live:chat_report", args=[show.slug, message.pk]))
    assert page.status_code == 200 and reverse("community:flag") in page.content.decode()


def test_schedule_page_for_makers_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("live:create")).status_code == 403
    maker = make_maker()
    client.force_login(maker)
    start = timezone.localtime() + timedelta(days=1)
    answer = client.post(
        reverse("live:create"),
        {
            "title": "Friday drop",
            "description": "",
            "stream_url": "https://www.youtube.com/watch?v=abc",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "slow_mode_seconds": 0,
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert LiveShow.objects.get(title="Friday drop").host == maker
    bad = client.post(reverse("live:create"), {"title": "x", "stream_url": "https://evil.example/video"})
    assert bad.status_code == 400


def test_storefront_shows_upcoming_and_past_drops_and_followers(client):
    maker = make_maker()
    soon = make_show(host=maker, title="Next week's drop", status=ShowStatus.SCHEDULED)
    past = make_show(host=maker, title="Last month's drop", status=ShowStatus.ENDED, ended_at=timezone.now())
    page = client.get(reverse("makers:storefront", args=[maker.handle]))
    html = page.content.decode()
    assert page.status_code == 200
    assert soon.get_absolute_url() in html and past.get_absolute_url() in html and "0 followers" in html


def test_dashboard_lists_drops_with_tips(client):
    show = make_show(status=ShowStatus.ENDED, ended_at=timezone.now())
    client.force_login(show.host)
    html = client.get(reverse("makers:dashboard")).content.decode()
    assert show.get_absolute_url() in html
