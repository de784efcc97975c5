"""Writes: permission, validation and rate limit for each; session writes need CSRF; one service with the site."""

import json

import pytest
from django.test import Client

from community import rules as community_rules
from community.models import Follow
from shop.models import Favourite
from tests.factories.designs import DesignFactory
from tests.factories.live import make_show
from tests.factories.shop import make_product
from tests.factories.voting import VoterFactory
from voting import rules as voting_rules
from voting.models import DesignVoteStats, Vote

pytestmark = pytest.mark.django_db


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body


# --- votes -------------------------------------------------------------------------------


def test_vote_with_a_token(api, design, member):
    response = api.post(f"/api/v1/designs/{design.slug}/vote/", {"score": 4, "would_buy": True})
    assert response.status_code == 200
    assert response.json()["my_vote"] == {"score": 4, "would_buy": True}
    assert response.json()["votes"]["votes"] == 1
    removed = api.delete(f"/api/v1/designs/{design.slug}/vote/")
    assert removed.json()["my_vote"] is None and not Vote.objects.exists()


def test_vote_needs_a_member(anon, design):
    _problem(anon.post(f"/api/v1/designs/{design.slug}/vote/", {"score": 4}), 401)
    bad_token = Client().post(
        f"/api/v1/designs/{design.slug}/vote/",
        json.dumps({"score": 4}),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer cm_pat_not-a-real-token",
    )
    _problem(bad_token, 401)


def test_vote_follows_the_sites_rules(api, member):
    own = DesignFactory(maker=member)
    body = _problem(api.post(f"/api/v1/designs/{own.slug}/vote/", {"score": 4}), 403)
    assert body["detail"] == "You cannot vote on your own design."


@pytest.mark.parametrize("payload", [{"score": 6}, {"score": -1}, {"score": "four"}, {}, {"score": None}])
def test_vote_validation(api, design, payload):
    body = _problem(api.post(f"/api/v1/designs/{design.slug}/vote/", payload), 400)
    assert body["errors"][0]["field"] == "score"


def test_nan_and_nul_in_json_are_a_400(api, design):
    nan = api.client.post(
        f"/api/v1/designs/{design.slug}/vote/",
        '{"score": NaN}',
        content_type="application/json",
        **api.headers,
    )
    _problem(nan, 400)
    _problem(api.post(f"/api/v1/designs/{design.slug}/comments/", {"text": "hi\u0000there"}), 400)
    _problem(
        api.client.post(
            f"/api/v1/designs/{design.slug}/comments/", "{not json", content_type="application/json", **api.headers
        ),
        400,
    )


def test_vote_rate_limit(api, monkeypatch):
    monkeypatch.setattr(voting_rules, "RATE_LIMIT_PER_MINUTE", 2)
    designs = [DesignFactory(images=0) for _ in range(3)]
    for design in designs[:2]:
        assert api.post(f"/api/v1/designs/{design.slug}/vote/", {"score": 3}).status_code == 200
    _problem(api.post(f"/api/v1/designs/{designs[2].slug}/vote/", {"score": 3}), 429)


def test_a_vote_through_the_site_and_the_api_go_through_one_service(client, design, member, monkeypatch):
    """The site's form and the API share the service: the same row, the same counters, the same limit."""
    monkeypatch.setattr(voting_rules, "RATE_LIMIT_PER_MINUTE", 2)
    client.force_login(member)
    assert client.post(f"/votes/{design.slug}/", {"score": "2"}).status_code == 302
    from api import services

    _record, raw = services.token_create(user=member, name="App")
    response = client.post(
        f"/api/v1/designs/{design.slug}/vote/",
        json.dumps({"score": 5}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 200
    vote = Vote.objects.get()
    assert (vote.voter, vote.score) == (member, 5)
    assert DesignVoteStats.objects.get(pk=design.pk).score_sum == 5
    # The third vote action in this minute is refused, whichever door it comes through.
    assert client.post(f"/votes/{design.slug}/", {"score": "1"}, HTTP_ACCEPT="application/json").status_code == 429


# --- session writes and CSRF -------------------------------------------------------------


def test_session_writes_need_the_csrf_token(design, member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    url = f"/api/v1/designs/{design.slug}/vote/"
    refused = browser.post(url, json.dumps({"score": 3}), content_type="application/json")
    _problem(refused, 403)
    assert not Vote.objects.exists()
    browser.get("/account/")  # sets the csrftoken cookie, as any page does
    csrf = browser.cookies["csrftoken"].value
    ok = browser.post(url, json.dumps({"score": 3}), content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert ok.status_code == 200
    # Reads never need it.
    assert browser.get(f"/api/v1/designs/{design.slug}/").json()["my_vote"]["score"] == 3


# --- comments ----------------------------------------------------------------------------


def test_comment_post_and_list(api, anon, design, member):
    created = api.post(f"/api/v1/designs/{design.slug}/comments/", {"text": "Love the **colours**"})
    assert created.status_code == 201
    comment = created.json()
    assert comment["author"]["handle"] == member.handle and "<strong>" in comment["text_html"]
    reply = api.post(f"/api/v1/designs/{design.slug}/comments/", {"text": "Me too", "parent": comment["id"]})
    assert reply.json()["parent"] == comment["id"]
    listing = anon.get(f"/api/v1/designs/{design.slug}/comments/").json()
    assert [c["id"] for c in listing["items"]] == [comment["id"], reply.json()["id"]]
    _problem(anon.post(f"/api/v1/designs/{design.slug}/comments/", {"text": "hi"}), 401)
    _problem(api.post(f"/api/v1/designs/{design.slug}/comments/", {"text": "   "}), 400)
    _problem(api.post(f"/api/v1/designs/{design.slug}/comments/", {"text": "x", "parent": 999999}), 400)


def test_comment_needs_a_verified_member(client, design):
    unverified = VoterFactory(verified=False)
    from api import services

    _record, raw = services.token_create(user=unverified, name="App")
    response = client.post(
        f"/api/v1/designs/{design.slug}/comments/",
        json.dumps({"text": "hello"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    _problem(response, 403)


def test_comment_rate_limit(api, design, monkeypatch):
    monkeypatch.setattr(community_rules, "COMMENT_RATE_LIMIT_NEW", 1)
    assert api.post(f"/api/v1/designs/{design.slug}/comments/", {"text": "one"}).status_code == 201
    _problem(api.post(f"/api/v1/designs/{design.slug}/comments/", {"text": "two"}), 429)


# --- flags -------------------------------------------------------------------------------


def test_flag_needs_trust_level_one_then_conflicts_on_a_second_flag(api, design, member):
    body = _problem(api.post(f"/api/v1/designs/{design.slug}/flag/", {"reason": "spam"}), 403)
    assert "trust level 1" in body["detail"]
    from accounts.services import profile_for

    profile = profile_for(user=member)
    profile.trust_level = 1
    profile.save()
    assert api.post(f"/api/v1/designs/{design.slug}/flag/", {"reason": "spam"}).status_code == 201
    _problem(api.post(f"/api/v1/designs/{design.slug}/flag/", {"reason": "spam"}), 409)
    unknown = _problem(api.post(f"/api/v1/designs/{design.slug}/flag/", {"reason": "because"}), 400)
    assert [error["field"] for error in unknown["errors"]] == ["reason"]


def test_flag_a_comment_and_rate_limit(api, trusted, monkeypatch):
    monkeypatch.setattr(community_rules, "FLAG_RATE_LIMIT", 1)
    designs = [DesignFactory(images=0) for _ in range(2)]
    assert api.post(f"/api/v1/designs/{designs[0].slug}/flag/", {"reason": "spam"}).status_code == 201
    _problem(api.post(f"/api/v1/designs/{designs[1].slug}/flag/", {"reason": "spam"}), 429)
    _problem(api.post("/api/v1/comments/424242/flag/", {"reason": "spam"}), 404)


# --- favourites and follows --------------------------------------------------------------


def test_favourites_are_idempotent(api, anon, design, member):
    url = f"/api/v1/designs/{design.slug}/favourite/"
    assert api.put(url).json() == {"favourite": True}
    assert api.put(url).json() == {"favourite": True}
    assert Favourite.objects.filter(user=member, design=design).count() == 1
    assert api.delete(url).json() == {"favourite": False}
    assert not Favourite.objects.exists()
    product = make_product()
    assert api.put(f"/api/v1/products/{product.slug}/favourite/").json() == {"favourite": True}
    _problem(anon.put(url), 401)
    _problem(api.put("/api/v1/designs/nope/favourite/"), 404)


def test_follow_and_unfollow(api, anon, design, member):
    url = f"/api/v1/makers/{design.maker.handle}/follow/"
    assert api.put(url).json() == {"following": True, "follower_count": 1}
    assert Follow.objects.filter(follower=member, maker=design.maker).exists()
    assert api.delete(url).json() == {"following": False, "follower_count": 0}
    _problem(anon.put(url), 401)


def test_cannot_follow_yourself(api, member):
    DesignFactory(maker=member)
    _problem(api.put(f"/api/v1/makers/{member.handle}/follow/"), 400)


def test_messages_follow_accept_language(api, member):
    own = DesignFactory(maker=member)
    body = api.post(f"/api/v1/designs/{own.slug}/vote/", {"score": 4}, HTTP_ACCEPT_LANGUAGE="de").json()
    assert body["detail"] != "You cannot vote on your own design."


# --- every write endpoint: anonymous 401, session without CSRF 403, budget 429 ----------


def _write_calls(design, product, comment_id, show):
    return [
        ("post", f"/api/v1/designs/{design.slug}/vote/", {"score": 3}),
        ("delete", f"/api/v1/designs/{design.slug}/vote/", None),
        ("post", f"/api/v1/designs/{design.slug}/comments/", {"text": "Nice"}),
        ("post", f"/api/v1/designs/{design.slug}/flag/", {"reason": "spam"}),
        ("post", f"/api/v1/comments/{comment_id}/flag/", {"reason": "spam"}),
        ("put", f"/api/v1/designs/{design.slug}/favourite/", None),
        ("delete", f"/api/v1/designs/{design.slug}/favourite/", None),
        ("put", f"/api/v1/products/{product.slug}/favourite/", None),
        ("delete", f"/api/v1/products/{product.slug}/favourite/", None),
        ("put", f"/api/v1/makers/{design.maker.handle}/follow/", None),
        ("delete", f"/api/v1/makers/{design.maker.handle}/follow/", None),
        ("post", "/api/v1/cart/items/", {"variant_id": product.variants.first().pk}),
        ("put", f"/api/v1/cart/items/{product.variants.first().pk}/", {"quantity": 1}),
        ("delete", f"/api/v1/cart/items/{product.variants.first().pk}/", None),
        ("post", "/api/v1/checkout/quote/", {"country": "DE"}),
        ("post", "/api/v1/checkout/order/", {"country": "DE", "accept_terms": True}),
        ("post", "/api/v1/me/orders/ABC123/payment/", None),
        ("post", "/api/v1/me/orders/ABC123/test-payment/", {}),
        ("post", f"/api/v1/live/{show.slug}/chat/", {"text": "Hello"}),
    ]


@pytest.fixture
def write_calls(design):
    from community.services import comment_post

    commenter = VoterFactory()
    comment = comment_post(author=commenter, target=design, text="A comment to flag")
    return _write_calls(design, make_product(), comment.pk, make_show(products=0))


def test_every_write_needs_a_member(anon, write_calls):
    for method, url, data in write_calls:
        _problem(getattr(anon, method)(url, data), 401)


def test_every_session_write_needs_the_csrf_token(member, write_calls):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    for method, url, data in write_calls:
        response = getattr(browser, method)(url, json.dumps(data or {}), content_type="application/json")
        body = _problem(response, 403)
        assert "CSRF" in body["detail"], url


def test_every_write_counts_against_the_members_budget(api, write_calls, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    for method, url, data in write_calls:
        _problem(getattr(api, method)(url, data), 429)


def test_flag_a_comment(api, trusted, design):
    from community.models import Flag
    from community.services import comment_post

    comment = comment_post(author=VoterFactory(), target=design, text="Buy cheap pills")
    assert api.post(f"/api/v1/comments/{comment.pk}/flag/", {"reason": "spam"}).status_code == 201
    assert Flag.objects.filter(object_id=comment.pk, flagger=trusted).exists()
    _problem(api.post(f"/api/v1/comments/{comment.pk}/flag/", {"reason": "spam"}), 409)
