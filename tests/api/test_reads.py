"""Public reads: every list and detail, cursor pagination, ETags, bounded queries, hostile input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from designs.models import Category, DesignState
from tests.factories.designs import DesignFactory
from tests.factories.shop import make_product, paid_line
from tests.factories.voting import ChallengeFactory, VoterFactory
from voting.models import ChallengeEntry

pytestmark = pytest.mark.django_db


def test_design_list_and_detail(anon, design):
    other_state = DesignFactory(state=DesignState.DRAFT)
    data = anon.get("/api/v1/designs/").json()
    slugs = [item["slug"] for item in data["items"]]
    assert design.slug in slugs and other_state.slug not in slugs
    card = data["items"][0]
    assert card["image"].startswith("http://testserver/media/")
    detail = anon.get(f"/api/v1/designs/{design.slug}/")
    assert detail.status_code == 200
    body = detail.json()
    assert body["title"] == design.title and body["votes"]["votes"] == 0
    assert body["can_vote"] is False and body["vote_refusal"]  # visitors are told to log in
    assert anon.get(f"/api/v1/designs/{other_state.slug}/").status_code == 404
    assert anon.get("/api/v1/designs/no-such-design/").json()["status"] == 404


def test_design_filters_are_the_sites(anon):
    poster = DesignFactory()
    DesignFactory(category=Category.objects.get(slug="sticker"))
    slugs = [i["slug"] for i in anon.get("/api/v1/designs/?category=poster").json()["items"]]
    assert slugs == [poster.slug]
    assert anon.get("/api/v1/designs/?sort=sideways").status_code == 400


def test_cursor_pagination_walks_every_item_once(anon):
    made = {DesignFactory(images=0).slug for _ in range(5)}
    seen, url = [], "/api/v1/designs/?limit=2"
    while url:
        page = anon.get(url).json()
        seen += [item["slug"] for item in page["items"]]
        url = page["next"]
    assert sorted(seen) == sorted(made)
    assert anon.get("/api/v1/designs/?limit=1000").status_code == 400
    assert anon.get("/api/v1/designs/?cursor=forged").status_code == 400


def _queries(anon, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert anon.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_counts_do_not_grow_with_the_page(anon):
    for _ in range(2):
        DesignFactory()
        make_product()
    anon.get("/api/v1/designs/")  # renditions are made on first use
    anon.get("/api/v1/products/")
    small = (_queries(anon, "/api/v1/designs/"), _queries(anon, "/api/v1/products/"))
    for _ in range(6):
        DesignFactory()
        make_product()
    anon.get("/api/v1/designs/")
    anon.get("/api/v1/products/")
    large = (_queries(anon, "/api/v1/designs/"), _queries(anon, "/api/v1/products/"))
    assert large == small
    assert max(large) <= 12


def test_detail_has_an_etag_and_answers_304(anon, design):
    first = anon.get(f"/api/v1/designs/{design.slug}/")
    etag = first["ETag"]
    assert etag
    again = anon.get(f"/api/v1/designs/{design.slug}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_challenge_and_leaderboard(anon):
    challenge = ChallengeFactory()
    entry_design = DesignFactory()
    ChallengeEntry.objects.create(challenge=challenge, design=entry_design)
    listing = anon.get("/api/v1/challenges/").json()
    assert [c["slug"] for c in listing["current"]] == [challenge.slug]
    detail = anon.get(f"/api/v1/challenges/{challenge.slug}/").json()
    assert detail["leaderboard"][0]["design"]["slug"] == entry_design.slug
    assert "<strong>bold</strong>" in detail["brief_html"]
    assert anon.get("/api/v1/challenges/nope/").status_code == 404
    assert anon.get("/api/v1/trending/").status_code == 200


def test_products_with_variants_stock_delivery_and_reviews(anon):
    product = make_product(variants=2, stock=0)
    made = make_product(made_to_order=True)
    detail = anon.get(f"/api/v1/products/{product.slug}/").json()
    assert [v["in_stock"] for v in detail["variants"]] == [False, False]
    assert detail["buy_refusal"] and detail["delivery"]["min_days"] >= 1
    assert anon.get(f"/api/v1/products/{made.slug}/").json()["variants"][0]["stock"] is None
    buyer = VoterFactory()
    from shop.models import Review

    Review.objects.create(
        product=product, author=buyer, order_line=paid_line(buyer, product), rating=4, text="Lovely print."
    )
    reviews = anon.get(f"/api/v1/products/{product.slug}/reviews/").json()
    assert reviews["count"] == 1 and reviews["items"][0]["text"] == "Lovely print."
    listing = anon.get("/api/v1/products/?type=tshirt&sort=price").json()
    assert {p["slug"] for p in listing["items"]} == {product.slug, made.slug}
    assert anon.get("/api/v1/products/?max_price=NaN").status_code == 400
    assert anon.get("/api/v1/products/?max_price=1e999").status_code == 400


def test_makers_and_search(anon, design):
    makers = anon.get("/api/v1/makers/").json()
    assert [m["handle"] for m in makers["items"]] == [design.maker.handle]
    detail = anon.get(f"/api/v1/makers/{design.maker.handle}/").json()
    assert detail["designs"][0]["slug"] == design.slug and detail["follower_count"] == 0
    assert anon.get("/api/v1/makers/nobody-here/").status_code == 404
    found = anon.get("/api/v1/search/?q=Design").json()
    assert found["backend"] == "database"
    assert anon.get("/api/v1/search/suggest/?q=Des").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/designs/?category=a%00b",
        "/api/v1/search/?q=%00",
        "/api/v1/designs/?limit=NaN",
        "/api/v1/designs/?limit=1e9",
        "/api/v1/search/?page=-1",
    ],
)
def test_hostile_query_input_is_a_400(anon, url):
    response = anon.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_orders_are_the_members_own(api, member):
    product = make_product()
    mine = paid_line(member, product).order
    theirs = paid_line(VoterFactory(), product).order
    listing = api.get("/api/v1/me/orders/").json()
    assert [o["number"] for o in listing["items"]] == [mine.number]
    assert api.get(f"/api/v1/me/orders/{mine.number}/").json()["lines"][0]["quantity"] == 1
    assert api.get(f"/api/v1/me/orders/{theirs.number}/").status_code == 404


def test_cors_is_closed_by_default_and_open_per_origin(anon, settings):
    closed = anon.get("/api/v1/designs/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in closed
    settings.API_CORS_ORIGINS = ["https://partner.example"]
    preflight = anon.client.options(
        "/api/v1/designs/", HTTP_ORIGIN="https://partner.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert preflight["Access-Control-Allow-Origin"] == "https://partner.example"
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in anon.get("/api/v1/designs/", HTTP_ORIGIN="https://evil.example")


def test_request_budget_answers_429_with_retry_after(anon, settings):
    settings.API_ANON_RATE_LIMIT_PER_MINUTE = 2
    assert anon.get("/api/v1/challenges/").status_code == 200
    assert anon.get("/api/v1/challenges/").status_code == 200
    refused = anon.get("/api/v1/challenges/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1


def test_unknown_addresses_and_methods_answer_problem_details(anon, design):
    missing = anon.get("/api/v1/no-such-thing/")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"
    wrong = anon.client.patch(f"/api/v1/designs/{design.slug}/")
    assert wrong.status_code == 405 and wrong["Content-Type"] == "application/problem+json"
    assert "GET" in wrong["Allow"]
