import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from designs.models import DesignState
from designs.services import design_record_view
from tests.factories import images as img
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory

pytestmark = pytest.mark.django_db
S = DesignState


def test_storefront_shows_public_designs_by_state(client):
    maker = UserFactory(handle="inkfox")
    DesignFactory(maker=maker, title="Voting piece", state=S.APPROVED)
    DesignFactory(maker=maker, title="Secret draft", state=S.DRAFT)
    html = client.get("/makers/inkfox/").content.decode()
    assert "Voting piece" in html
    assert "Secret draft" not in html
    client.force_login(maker)
    assert "Secret draft" in client.get("/makers/inkfox/").content.decode()


def test_unknown_maker_is_404(client):
    assert client.get("/makers/nobody-here/").status_code == 404


def test_maker_list_query_count_is_flat(client):
    DesignFactory.create_batch(3)
    client.get("/makers/")
    with CaptureQueriesContext(connection) as three:
        client.get("/makers/")
    DesignFactory.create_batch(20)
    with CaptureQueriesContext(connection) as twenty_three:
        client.get("/makers/")
    assert len(three) == len(twenty_three)


def test_maker_edits_own_storefront_with_avatar(client):
    maker = UserFactory()
    client.force_login(maker)
    response = client.post(
        "/makers/settings/",
        {
            "display_name": "Ink Fox",
            "bio": "I draw **foxes**.",
            "location": "Leipzig",
            "website": "https://inkfox.example",
            "instagram": "@inkfox",
            "avatar_upload": img.upload(img.jpeg_with_gps(400, 400), "me.jpg", "image/jpeg"),
        },
    )
    assert response.status_code == 302
    maker.refresh_from_db()
    assert maker.display_name == "Ink Fox"
    assert maker.profile.instagram == "inkfox"
    assert maker.profile.avatar is not None


def test_storefront_settings_refuse_a_bad_avatar_and_change_nothing(client):
    maker = UserFactory()
    client.force_login(maker)
    response = client.post(
        "/makers/settings/",
        {"display_name": "Changed", "bio": "new", "avatar_upload": img.upload(img.html_named_png(), "x.png")},
    )
    assert response.status_code == 400
    maker.refresh_from_db()
    assert maker.display_name == "" and maker.profile.bio == "" and maker.profile.avatar is None


def test_settings_and_dashboard_need_login(client):
    assert client.get("/makers/settings/").status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_dashboard_lists_own_designs_with_views_and_a_chart(client):
    maker = UserFactory()
    mine = DesignFactory(maker=maker, title="Mine")
    DesignFactory(title="Someone else's")
    for _ in range(3):
        design_record_view(design=mine)
    client.force_login(maker)
    html = client.get("/dashboard/").content.decode()
    assert "Mine" in html and "Someone else" not in html
    assert re.search(r'<svg class="chart"[^>]*role="img"', html)
    assert re.search(r"<polyline[^>]+points=", html)


def test_dashboard_shows_royalties_from_the_ledger(client):
    from decimal import Decimal

    from makers.models import RoyaltyEntry, RoyaltyKind
    from tests.factories.shop import make_product, paid_line

    product = make_product()
    maker = product.design.maker
    line = paid_line(UserFactory(), product)
    RoyaltyEntry.objects.create(
        maker=maker, order_line=line, kind=RoyaltyKind.EARNING, quantity=2, amount=Decimal("8.97"), description="Sale"
    )
    client.force_login(maker)
    html = client.get("/dashboard/").content.decode()
    assert html.count("<td>8.97\u00a0€</td>") == 1  # one ledger row (earned and balance tiles show it too)
    assert "Items sold" in html
    assert "<title>Dashboard · Commonmade</title>" in html
    assert html.count("<polyline") == 3


def test_dashboard_shows_the_royalties_section_once_in_the_page_body(client):
    maker = UserFactory()
    client.force_login(maker)
    html = client.get("/dashboard/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    head = html.split("</head>", 1)[0]
    assert "Royalties" not in title
    assert "royalties-title" not in head
    assert html.count('id="royalties-title"') == 1
    stat_tiles = re.search(r'<dl class="stat-tiles">(.*?)</dl>', html, re.S).group(1)
    assert "<section" not in stat_tiles


def test_storefront_lists_products_on_sale(client):
    from tests.factories.shop import make_product

    product = make_product()
    html = client.get(f"/makers/{product.design.maker.handle}/").content.decode()
    assert product.title in html


def test_dashboard_shows_votes_score_and_would_buy_per_design(client):
    from tests.factories.voting import bulk_votes
    from voting.services import votes_recount

    maker = UserFactory()
    design = DesignFactory(maker=maker, title="Counted")
    bulk_votes(design, [(5, True), (4, True), (1, False), (3, False)])
    votes_recount()
    client.force_login(maker)
    html = client.get("/dashboard/").content.decode()
    row = re.search(r"Counted</a></th>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert cells[2].strip() == "4"  # votes
    assert cells[3].strip() == "3.3"  # mean score (5+4+1+3)/4 = 3.25, shown rounded half up
    assert cells[4].startswith("2 (50")  # would buy: 2 of 4


def test_dashboard_query_count_does_not_grow_with_designs(client):
    maker = UserFactory()
    DesignFactory.create_batch(3, maker=maker)
    client.force_login(maker)
    client.get("/dashboard/")
    with CaptureQueriesContext(connection) as few:
        client.get("/dashboard/")
    DesignFactory.create_batch(20, maker=maker)
    client.get("/dashboard/")
    with CaptureQueriesContext(connection) as many:
        client.get("/dashboard/")
    assert len(few) == len(many)


def test_a_new_member_cannot_post_links_through_storefront_settings(client):
    """The same link rule as the community profile: trust level 0 may not put links in a bio."""
    newcomer = UserFactory()
    assert newcomer.profile.trust_level == 0
    client.force_login(newcomer)
    response = client.post(
        "/makers/settings/",
        {"display_name": "Spammy", "bio": "Cheap pills at https://spam.example", "location": "", "website": ""},
    )
    assert response.status_code == 400
    assert "cannot post links" in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.profile.bio == "" and newcomer.display_name == ""
