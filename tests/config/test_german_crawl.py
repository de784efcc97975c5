"""Issue 15: /de/ pages show no English: home, design, product, cart, checkout, order and notifications.

Each German page is compared with its English twin: no translated interface phrase the English page
shows may remain in the German one, and none of the known English labels below. Stored content that
has a German version (product description, variant colours, challenge texts) is shown in German.
"""

from __future__ import annotations

import html as html_lib
import re
from datetime import timedelta

import polib
import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import Profile
from community.services import follow
from shop.cart import MemberCart
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.editorial import home_page
from tests.factories.shop import make_product, paid_line
from tests.factories.voting import ChallengeFactory

pytestmark = pytest.mark.django_db

PO_PATH = settings.BASE_DIR / "locale" / "de" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]?\d*(?:\.\d+)?[sdif]|%[sd]")
# Interface words a newcomer saw in English on German pages.
KNOWN_ENGLISH = [
    "Log out",
    "Your cart",
    "Add to cart",
    "Checkout",
    "Crowd score",
    "Voting closes in",
    "I'd buy it",
    "Notifications",
    "Mark all as read",
    "Reviews from buyers",
    "Choose a variant",
    "Quantity",
    "followers",
    "How voting works",
    "Order",
    "black",
]


def _text(page_html: str) -> str:
    page_html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page_html)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", page_html)))


@pytest.fixture(scope="module")
def phrases():
    po = polib.pofile(str(PO_PATH))
    return [
        entry.msgid
        for entry in po
        if not entry.msgid_plural
        and " " in entry.msgid
        and entry.msgstr != entry.msgid
        and not PLACEHOLDER.search(entry.msgid)
    ]


@pytest.fixture
def shopper(client):
    home_page()
    now = timezone.now()
    ChallengeFactory(
        title="Bold Type",
        title_de="Starke Schrift",
        brief="Letters **alone**.",
        brief_de="Nur **Buchstaben**.",
        submission_starts_at=now - timedelta(days=1),
        submission_ends_at=now + timedelta(days=5),
        voting_starts_at=now + timedelta(days=6),
        voting_ends_at=now + timedelta(days=12),
    )
    maker = UserFactory(display_name="Theo Prints")
    Profile.objects.filter(user=maker).update(is_maker=True)
    design = DesignFactory(maker=maker, title="Harbour Lights")
    product = make_product(design=DesignFactory(maker=maker, title="Sold Design", state="on_sale"))
    product.description = "A soft shirt printed in Berlin."
    product.description_de = "Ein weiches Shirt, gedruckt in Berlin."
    product.save()
    product.variants.update(colour="black")
    member = UserFactory(display_name="Sam Member")
    line = paid_line(member, product)
    follow(follower=member, maker=maker)
    follow(follower=UserFactory(), maker=member)  # a notification for the member
    client.force_login(member)
    MemberCart(member).set(product.variants.first().pk, 1)
    return {"design": design, "product": product, "order": line.order, "member": member}


def _pages(data) -> list[str]:
    return [
        "/",
        data["design"].get_absolute_url(),
        data["product"].get_absolute_url(),
        "/shop/cart/",
        "/shop/checkout/",
        f"/account/orders/{data['order'].number}/",
        "/account/notifications/list/",
        "/challenges/",
        "/how-voting-works/",
    ]


def test_german_pages_show_no_english_interface_text(client, shopper, phrases):
    problems = {}
    for path in _pages(shopper):
        english_response = client.get(path)
        german_response = client.get(f"/de{path}")
        assert english_response.status_code == 200, path
        assert german_response.status_code == 200, f"/de{path}"
        english, german = _text(english_response.content.decode()), _text(german_response.content.decode())
        left = [phrase for phrase in phrases if phrase in english and phrase in german]
        left += [word for word in KNOWN_ENGLISH if re.search(rf"\b{re.escape(word)}\b", german)]
        if left:
            problems[path] = left
    assert problems == {}


def test_stored_content_has_its_german_version_on_german_pages(client, shopper):
    product = client.get(f"/de{shopper['product'].get_absolute_url()}").content.decode()
    assert "Ein weiches Shirt, gedruckt in Berlin." in product
    assert "A soft shirt printed in Berlin." not in product
    assert "schwarz" in product
    challenges = client.get("/de/challenges/").content.decode()
    assert "Starke Schrift" in challenges and "Bold Type" not in challenges
