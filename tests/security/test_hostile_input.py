"""Hostile parameters on every public page and form: a 400 or a clean page, never a 500.

NUL bytes (which PostgreSQL refuses in text) are answered 400 by core.params.RejectNulBytesMiddleware
wherever they appear; numbers are read by core.params, which knows no NaN, Infinity or 1e999999.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import BadRequest
from django.http import QueryDict

from core import params
from designs.models import DesignState
from shop.models import Review
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design
from tests.factories.shop import make_product, paid_line
from tests.factories.voting import VoterFactory

pytestmark = [pytest.mark.security_category("hostile-input"), pytest.mark.django_db]

PUBLIC_PAGES = [
    "/",
    "/designs/",
    "/shop/",
    "/search/",
    "/search/suggest",
    "/challenges/",
    "/trending/",
    "/makers/",
    "/moderation/",
    "/members/{handle}/",
    "/makers/{handle}/",
    "/designs/{design}/",
    "/shop/{product}/",
    "/accounts/login/",
    "/accounts/signup/",
    "/de/designs/",
]
NUL_QUERIES = ["ref=%00", "tag=%00", "category=%00", "q=a%00b", "page=%00", "sort=%00", "max_price=%00", "%00=1"]
NUMBER_QUERIES = [
    "max_price=NaN",
    "max_price=Infinity",
    "max_price=-Infinity",
    "max_price=sNaN",
    "max_price=1e999999",
    "max_price=-1e999999",
    "max_price=1e-999999",
    "max_price=9" * 1 + "9" * 60,
    "max_price=-5",
    "max_price=%E2%91%A0",  # a circled digit one: a digit to str.isdigit, not to a price
    "page=-1",
    "page=0",
    "page=99999999999999999999999",
    "page=1e9",
    "page=NaN",
    "type=%3Cscript%3E",
    "category=" + "x" * 5000,
    "tag=" + "y" * 5000,
    "ref=" + "z" * 5000,
    "q=" + "%F0%9F%92%A9" * 500,
]


@pytest.fixture
def world():
    maker = VoterFactory(handle="hostile-maker")
    design = make_design(maker=maker, title="Hostile target")
    product = make_product(maker=maker)
    return {"handle": maker.handle, "design": design.slug, "product": product.slug}


def _pages(world):
    return [page.format(**world) for page in PUBLIC_PAGES]


@pytest.mark.parametrize("query", NUL_QUERIES)
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_nul_bytes_in_the_query_string_are_400(client, world, page, query):
    response = client.get(f"{page.format(**world)}?{query}")
    assert response.status_code == 400, (page, query, response.status_code)


@pytest.mark.parametrize("query", NUMBER_QUERIES)
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_odd_numbers_and_huge_values_give_a_clean_page(client, world, page, query):
    response = client.get(f"{page.format(**world)}?{query}", follow=True)
    assert response.status_code in (200, 400, 404), (page, query, response.status_code)


@pytest.mark.parametrize(
    "path",
    ["/designs/a%00b/", "/members/a%00b/", "/makers/a%00b/", "/shop/a%00b/", "/challenges/x%00/", "/%00/", "/de/%00"],
)
def test_nul_bytes_in_the_path_are_400(client, world, path):
    assert client.get(path).status_code == 400


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999999", "sNaN", "abc", "9" * 40])
def test_a_max_price_that_is_no_price_lists_every_product(client, world, value):
    response = client.get("/shop/", {"max_price": value})
    assert response.status_code == 200
    assert response.context["filters"]["max_price"] is None
    assert world["product"] in response.content.decode()


def test_a_real_max_price_still_filters(client, world):
    assert client.get("/shop/", {"max_price": "10"}).context["filters"]["max_price"] == Decimal("10.00")
    assert world["product"] not in client.get("/shop/", {"max_price": "10"}).content.decode()
    assert world["product"] in client.get("/shop/", {"max_price": "30,5"}).content.decode()


# --- forms -------------------------------------------------------------------------------------


@pytest.fixture
def member_client(client):
    member = VoterFactory(handle="hostile-member")
    client.force_login(member)
    client.member = member
    return client


def test_nul_in_a_withdraw_reason_is_400_and_changes_nothing(client):
    maker = VoterFactory()
    design = make_design(maker=maker, state=DesignState.SUBMITTED)
    client.force_login(maker)
    response = client.post(f"/designs/{design.slug}/withdraw/", {"reason": "no\x00more"})
    assert response.status_code == 400
    design.refresh_from_db()
    assert design.state == DesignState.SUBMITTED


def test_nul_in_a_review_answer_is_400(client):
    maker = VoterFactory()
    product = make_product(maker=maker)
    buyer = VoterFactory()
    line = paid_line(buyer, product)
    review = Review.objects.create(product=product, author=buyer, order_line=line, rating=4, text="Nice")
    client.force_login(maker)
    response = client.post(f"/shop/reviews/{review.pk}/answer/", {"answer": "thanks\x00"})
    assert response.status_code == 400
    review.refresh_from_db()
    assert not review.answer


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/account/profile/", "display_name"),
        ("/account/profile/", "bio"),
        ("/comments/post/", "comment"),
        ("/flags/", "reason"),
        ("/shop/cart/add/", "variant"),
        ("/shop/cart/add/", "quantity"),
        ("/shop/cart/update/", "quantity"),
        ("/shop/checkout/", "name"),
        ("/shop/favourites/toggle/", "id"),
        ("/account/notifications/read/", "id"),
        ("/members/hostile-member/follow/", "action"),
        ("/i18n/setlang/", "next"),
        ("/accounts/login/", "login"),
        ("/accounts/signup/", "username"),
    ],
)
def test_nul_in_any_form_field_is_400(member_client, path, field):
    assert member_client.post(path, {field: "x\x00y"}).status_code == 400


def test_nul_in_a_field_name_or_a_multipart_form_is_400(member_client):
    assert member_client.post("/account/profile/", {"bio\x00": "x"}).status_code == 400
    response = member_client.post("/designs/submit/", {"title": "a\x00b"})  # multipart by default
    assert response.status_code == 400


def test_a_handle_with_nul_on_signup_is_400_and_creates_nobody(client):
    from accounts.models import User

    before = User.objects.count()
    response = client.post(
        "/accounts/signup/",
        {"email": "nul@example.org", "username": "nul\x00handle", "password1": "x" * 16, "password2": "x" * 16},
    )
    assert response.status_code == 400
    assert User.objects.count() == before


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/shop/favourites/toggle/", {"kind": "design", "id": "1e9"}),
        ("/shop/favourites/toggle/", {"kind": "design", "id": "99999999999999999999999"}),
        ("/shop/favourites/toggle/", {"kind": "<b>", "id": "1"}),
        ("/account/notifications/read/", {"id": "NaN"}),
        ("/account/notifications/read/", {"id": "99999999999999999999999"}),
        ("/shop/cart/add/", {"variant": "99999999999999999999999", "quantity": "1"}),
        ("/shop/cart/add/", {"variant": "1", "quantity": "NaN"}),
        ("/shop/cart/add/", {"variant": "1", "quantity": "1e999999"}),
        ("/shop/cart/update/", {"variant": "-1", "quantity": "-1"}),
    ],
)
def test_odd_numbers_in_forms_never_500(member_client, path, data):
    assert member_client.post(path, data).status_code in (200, 302, 400, 404)


# --- the readers themselves ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12.5", Decimal("12.50")),
        ("12,5", Decimal("12.50")),
        ("NaN", None),
        ("nan", None),
        ("sNaN", None),
        ("Infinity", None),
        ("-inf", None),
        ("1e999999", None),
        ("1e11", Decimal("100000000000.00")),
        ("1e12", None),
        ("", None),
        ("٣", None),  # an Arabic-Indic digit
        ("1_000", None),
    ],
)
def test_decimal_reader(raw, expected):
    assert params.decimal(QueryDict(mutable=True) | {"p": raw}, "p") == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("3", 3), ("-3", -3), ("+3", 3), ("03", 3), ("1.0", None), ("1e3", None), ("²", None), ("9" * 30, None)],
)
def test_integer_reader(raw, expected):
    assert params.integer({"n": raw}, "n") == expected


def test_strict_readers_raise_bad_request():
    with pytest.raises(BadRequest):
        params.decimal({"p": "NaN"}, "p", strict=True)
    with pytest.raises(BadRequest):
        params.integer({"n": "x"}, "n", strict=True)
    with pytest.raises(BadRequest):
        params.text({"t": "a\x00"}, "t", strict=True)
    assert params.text({"t": "a\x00"}, "t") == ""


def test_the_referral_of_a_nul_handle_is_400_and_sets_no_cookie(client):
    UserFactory(handle="sharer")
    response = client.get("/?ref=sharer%00")
    assert response.status_code == 400
    assert "cm_ref" not in response.cookies


def test_the_api_answers_nul_bytes_with_its_own_problem_details(client):
    response = client.get("/api/v1/designs/?category=a%00b")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
