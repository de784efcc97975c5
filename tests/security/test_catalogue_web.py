"""The web catalogue: authorization, CSRF, cross-site scripting and hostile uploads over the site's pages.

- authz: every owner-only action tried by another member answers 403 or 404 and changes nothing.
- csrf: every form the site takes, posted without a token by a logged-in member, answers 403.
- xss: hostile text reflected from every query parameter, and stored in every field a member
  writes, comes back escaped.
- uploads: polyglots, SVG with script, HTML named .png, bombs and text files are refused and
  nothing is stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_comments_xtd.models import XtdComment

from community import services as community_services
from designs.models import Design, DesignState
from notifications.models import Notification
from shop.cart import MemberCart
from shop.models import Order, Review
from shop.services.checkout import order_create
from tests.factories import images as img
from tests.factories.designs import category, make_design
from tests.factories.shop import make_product, paid_line
from tests.factories.voting import VoterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_world():
    """A maker with designs, a product with a review, an order and a comment; and a stranger."""
    owner = VoterFactory(handle="owner")
    draft = make_design(maker=owner, title="Owner draft", state=DesignState.DRAFT)
    submitted = make_design(maker=owner, title="Owner submitted", state=DesignState.SUBMITTED)
    approved = make_design(maker=owner, title="Owner approved")
    product = make_product(maker=owner)
    buyer = VoterFactory(handle="buyer")
    line = paid_line(buyer, product)
    review = Review.objects.create(product=product, author=buyer, order_line=line, rating=4, text="Good")
    cart = MemberCart(buyer)
    cart.set(make_product().variants.get().pk, 1)
    pending = order_create(user=buyer, cart=cart)
    comment = community_services.comment_post(author=buyer, target=approved, text="Buyer's comment")
    notification = Notification.objects.create(recipient=buyer, kind="other", title="For the buyer only")
    stranger = VoterFactory(handle="stranger")
    return {
        "owner": owner,
        "buyer": buyer,
        "stranger": stranger,
        "draft": draft,
        "submitted": submitted,
        "approved": approved,
        "review": review,
        "paid": line.order,
        "pending": pending,
        "comment": comment,
        "notification": notification,
    }


AUTHZ_CASES = [
    ("get", "/designs/{draft.slug}/edit/", {}),
    ("post", "/designs/{draft.slug}/edit/", {"title": "Taken over"}),
    ("post", "/designs/{approved.slug}/edit/", {"description": "Taken over"}),
    ("post", "/designs/{draft.slug}/send-for-review/", {}),
    ("post", "/designs/{submitted.slug}/withdraw/", {"reason": "mine now"}),
    ("post", "/designs/{approved.slug}/withdraw/", {"reason": "mine now"}),
    ("get", "/designs/{draft.slug}/", {}),
    ("get", "/account/orders/{paid.number}/", {}),
    ("post", "/account/orders/{paid.number}/buy-again/", {}),
    ("get", "/shop/orders/{pending.number}/pay/", {}),
    ("post", "/shop/orders/{pending.number}/test-pay/", {}),
    ("get", "/comments/{comment.pk}/edit/", {}),
    ("post", "/comments/{comment.pk}/edit/", {"comment": "Changed by a stranger"}),
    ("get", "/account/notifications/{notification.pk}/open/", {}),
    ("post", "/shop/reviews/{review.pk}/answer/", {"answer": "Not the maker"}),
]


def _format(path: str, world: dict) -> str:
    return path.format(**world)


@pytest.mark.security_category("authz")
@pytest.mark.parametrize(("method", "path", "data"), AUTHZ_CASES)
def test_owner_only_actions_by_another_member_are_refused(client, owner_world, method, path, data):
    client.force_login(owner_world["stranger"])
    before = (
        list(Design.objects.order_by("pk").values_list("state", "title", "description")),
        list(Order.objects.order_by("pk").values_list("status", "email")),
        list(XtdComment.objects.order_by("pk").values_list("comment", flat=True)),
        list(Review.objects.order_by("pk").values_list("answer", flat=True)),
        Notification.objects.filter(read_at__isnull=False).count(),
    )
    response = getattr(client, method)(_format(path, owner_world), data)
    assert response.status_code in (403, 404), (path, response.status_code)
    after = (
        list(Design.objects.order_by("pk").values_list("state", "title", "description")),
        list(Order.objects.order_by("pk").values_list("status", "email")),
        list(XtdComment.objects.order_by("pk").values_list("comment", flat=True)),
        list(Review.objects.order_by("pk").values_list("answer", flat=True)),
        Notification.objects.filter(read_at__isnull=False).count(),
    )
    assert before == after


@pytest.mark.security_category("authz")
@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/images/",
        "/admin/snippets/",
        "/django-admin/",
        "/django-admin/community/user/",
    ],
)
def test_members_and_visitors_never_reach_the_admin(client, path):
    assert client.get(path).status_code in (302, 403, 404)
    client.force_login(VoterFactory())
    response = client.get(path)
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "login" in response["Location"]


@pytest.mark.security_category("authz")
@pytest.mark.parametrize(
    "path",
    [
        "/account/",
        "/account/profile/",
        "/account/privacy/",
        "/account/privacy/export/",
        "/account/orders/",
        "/account/favourites/",
        "/account/notifications/",
        "/account/notifications/list/",
        "/feed/",
        "/designs/submit/",
        "/makers/settings/",
        "/dashboard/",
    ],
)
def test_member_pages_send_visitors_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- CSRF ----------------------------------------------------------------------------------

CSRF_POSTS = [
    "/account/profile/",
    "/account/notifications/",
    "/account/notifications/read/",
    "/account/privacy/delete/",
    "/comments/post/",
    "/flags/",
    "/members/{owner.handle}/follow/",
    "/votes/{approved.slug}/",
    "/designs/submit/",
    "/designs/{draft.slug}/edit/",
    "/designs/{draft.slug}/withdraw/",
    "/shop/cart/add/",
    "/shop/cart/update/",
    "/shop/checkout/",
    "/shop/favourites/toggle/",
    "/shop/orders/{pending.number}/test-pay/",
    "/account/orders/{paid.number}/buy-again/",
    "/shop/reviews/{review.pk}/answer/",
    "/makers/settings/",
    "/i18n/setlang/",
    "/accounts/logout/",
    "/accounts/password/change/",
    "/accounts/email/",
]


@pytest.mark.security_category("csrf")
@pytest.mark.parametrize("path", CSRF_POSTS)
@pytest.mark.parametrize("who", ["owner", "buyer"])
def test_every_form_refuses_a_post_without_the_csrf_token(owner_world, path, who):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner_world[who])
    response = client.post(_format(path, owner_world), {"comment": "x", "score": "5", "quantity": "1"})
    assert response.status_code == 403, (path, response.status_code)


@pytest.mark.security_category("csrf")
def test_login_and_signup_refuse_a_post_without_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/accounts/login/", {"login": "a@example.org", "password": "x"}).status_code == 403
    assert client.post("/accounts/signup/", {"email": "a@example.org"}).status_code == 403


@pytest.mark.security_category("csrf")
def test_the_stripe_webhook_is_the_only_csrf_exempt_post_and_it_checks_a_signature():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/shop/stripe/webhook/", b"{}", content_type="application/json").status_code == 400


# --- XSS -----------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    '</script><script>alert("json-ld")</script>',
    "<iframe src=javascript:alert(1)>",
]
REFLECTING_PAGES = ["/", "/designs/", "/shop/", "/search/", "/challenges/", "/trending/", "/makers/", "/moderation/"]
REFLECTED_PARAMS = ["q", "tag", "category", "sort", "state", "type", "max_price", "page", "ref", "next"]


def _raw_payload_in(html: str, payload: str) -> bool:
    return payload in html or "<img src=x onerror" in html or "<svg onload" in html


@pytest.mark.security_category("xss")
@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("page", REFLECTING_PAGES)
def test_reflected_parameters_come_back_escaped(client, page, payload):
    response = client.get(page, dict.fromkeys(REFLECTED_PARAMS, payload), follow=True)
    assert response.status_code in (200, 400, 404)
    assert not _raw_payload_in(response.content.decode(), payload)


@pytest.fixture
def hostile_member():
    return VoterFactory(handle="hostile")


@pytest.mark.security_category("xss")
@pytest.mark.parametrize("payload", PAYLOADS)
def test_stored_text_comes_back_escaped_everywhere_it_shows(client, hostile_member, payload):
    member = hostile_member
    member.display_name = payload[:80]
    member.save()
    member.profile.bio = payload
    member.profile.location = payload[:80]
    member.profile.save()
    design = make_design(maker=member, title="Hostile words")
    Design.objects.filter(pk=design.pk).update(title=payload[:120], description=payload)
    community_services.comment_post(author=VoterFactory(), target=design, text=payload)
    product = make_product(maker=member)
    buyer = VoterFactory(display_name=payload[:80])
    line = paid_line(buyer, product)
    Review.objects.create(product=product, author=buyer, order_line=line, rating=5, text=payload, answer=payload)
    pages = [
        f"/designs/{design.slug}/",
        f"/members/{member.handle}/",
        f"/makers/{member.handle}/",
        f"/shop/{product.slug}/",
        "/designs/",
        "/makers/",
        "/shop/",
        "/search/?q=hostile",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert not _raw_payload_in(response.content.decode(), payload), page


@pytest.mark.security_category("xss")
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>"]
)
def test_profile_links_never_become_script_links(client, hostile_member, url):
    client.force_login(hostile_member)
    client.post("/account/profile/", {"display_name": "H", "bio": f"[click]({url})", "website": url})
    page = client.get(f"/members/{hostile_member.handle}/").content.decode().lower()
    assert 'href="javascript:' not in page and 'href="data:' not in page


# --- uploads -------------------------------------------------------------------------------

HOSTILE_UPLOADS = {
    "svg-with-script": (img.svg_with_script, "art.svg", "image/svg+xml"),
    "svg-named-png": (img.svg_with_script, "art.png", "image/png"),
    "html-named-png": (img.html_named_png, "art.png", "image/png"),
    "png-html-polyglot": (img.polyglot_png, "art.png", "image/png"),
    "decompression-bomb": (img.bomb_png, "art.png", "image/png"),
    "text-file": (lambda: img.text_file(1), "art.jpg", "image/jpeg"),
    "animated-gif": (lambda: img.animated_gif(1300), "art.gif", "image/gif"),
    "cut-off-png": (lambda: img.image_bytes()[:2000], "art.png", "image/png"),
    "php-named-jpg": (lambda: b"<?php system($_GET['c']); ?>", "art.php.jpg", "image/jpeg"),
    "empty-file": (lambda: b"", "art.png", "image/png"),
}


def _stored(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.security_category("uploads")
@pytest.mark.parametrize("kind", sorted(HOSTILE_UPLOADS))
def test_hostile_design_uploads_are_refused_and_nothing_is_stored(client, settings, kind):
    make, name, content_type = HOSTILE_UPLOADS[kind]
    maker = VoterFactory()
    client.force_login(maker)
    response = client.post(
        "/designs/submit/",
        {
            "title": "Upload attempt",
            "description": "x",
            "category": category("apparel").pk,
            "tags": "x",
            "rights_confirmed": "on",
            "images": img.upload(make(), name, content_type),
        },
    )
    assert response.status_code == 400, (kind, response.status_code)
    assert not Design.objects.filter(title="Upload attempt").exists()
    assert _stored(settings) == []


@pytest.mark.security_category("uploads")
def test_an_accepted_image_is_re_encoded_under_an_unguessable_name(client, settings):
    maker = VoterFactory()
    client.force_login(maker)
    response = client.post(
        "/designs/submit/",
        {
            "title": "Clean upload",
            "description": "x",
            "category": category("apparel").pk,
            "tags": "x",
            "rights_confirmed": "on",
            "images": img.upload(img.png_with_gps(), "../../etc/passwd.png"),
        },
    )
    assert response.status_code == 302
    names = [p.name for p in _stored(settings)]
    assert names and not any("passwd" in n or ".." in n for n in names)


@pytest.mark.security_category("authz")
def test_editors_group_is_no_superuser(owner_world):
    editor = VoterFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    assert client.get("/django-admin/").status_code in (302, 403)
