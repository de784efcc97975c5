"""Query budgets: every main page stays within BUDGET queries, and the count does not grow with the data.

Each page is measured with 10 items and again with 200 (designs, comments, votes, products, orders
of its kind), anonymous and logged in. Counts are taken on the second request at each size, so that
one-off work (renditions made once, content types looked up once, the week's trending ranking
computed into the cache) is not what is measured; that work is covered by tests of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from designs.models import DesignImage, DesignState
from editorial.models import HomePage
from shop.models import CartItem
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design, wagtail_image
from tests.factories.shop import make_product, paid_line
from tests.factories.voting import ChallengeFactory, bulk_votes
from voting.models import ChallengeEntry
from voting.services import votes_recount

BUDGET = 12
pytestmark = pytest.mark.django_db


@dataclass
class World:
    maker: object
    member: object
    image: object
    designs: list
    products: list
    challenge: object
    hot_design: object
    comments: int = 0

    def grow(self, n: int) -> None:
        """Bring every kind of item up to n."""
        while len(self.designs) < n:
            design = make_design(maker=self.maker, title=f"Cat poster {len(self.designs)}")
            DesignImage.objects.create(design=design, image=self.image)
            design.tags.add("cats", f"tag{len(self.designs) % 30}")
            ChallengeEntry.objects.create(challenge=self.challenge, design=design)
            self.designs.append(design)
        votes = [(4, True), (5, False)]
        for design in self.designs[-(n - len(self.products)) :] if len(self.products) < n else []:
            bulk_votes(design, votes, prefix=f"v{design.pk}x")
        while len(self.products) < n:
            design = make_design(maker=self.maker, state=DesignState.ON_SALE, title=f"Tee {len(self.products)}")
            DesignImage.objects.create(design=design, image=self.image)
            product = make_product(design=design)
            paid_line(self.member, product)
            self.products.append(product)
        content_type = ContentType.objects.get_for_model(self.hot_design)
        while self.comments < n:
            XtdComment.objects.create(
                content_type=content_type,
                object_pk=str(self.hot_design.pk),
                site_id=1,
                user=self.member,
                user_name=self.member.handle,
                comment=f"Comment {self.comments}",
                is_public=True,
            )
            self.comments += 1
        cart = self.member_cart()
        for product in self.products[: min(n, 30)]:
            CartItem.objects.get_or_create(cart=cart, variant=product.variants.first(), defaults={"quantity": 1})
        votes_recount(fix=True, log=False)

    def member_cart(self):
        from shop.models import Cart

        return Cart.objects.get_or_create(user=self.member)[0]


@pytest.fixture
def world():
    from community.models import Follow
    from editorial.demo import _home_body  # the demo's home sections: trending, products, challenges

    maker = UserFactory(handle="budgetmaker")
    member = UserFactory(handle="budgetmember")
    Follow.objects.create(follower=member, maker=maker)
    image = wagtail_image()
    challenge = ChallengeFactory(title="Cats", slug="cats")
    hot = make_design(maker=maker, title="Hot design")
    DesignImage.objects.create(design=hot, image=image)
    home = HomePage.objects.get(depth=2, locale__language_code="en")
    home.body = [block for block in _home_body([], german=False) if block[0] != "featured_collections"]
    home.save_revision().publish()
    return World(maker=maker, member=member, image=image, designs=[], products=[], challenge=challenge, hot_design=hot)


def pages(world: World) -> dict[str, tuple[str, bool]]:
    """name -> (path, needs a member)"""
    return {
        "home": ("/", False),
        "design list": ("/designs/", False),
        "design detail with comments": (world.hot_design.get_absolute_url(), False),
        "product": (world.products[0].get_absolute_url(), False),
        "storefront": (f"/makers/{world.maker.handle}/", False),
        "challenge leaderboard": (world.challenge.get_absolute_url(), False),
        "search": ("/search/?q=cat", False),
        "cart": ("/shop/cart/", True),
        "checkout": ("/shop/checkout/", True),
        "dashboard": ("/dashboard/", True),
        "feed": ("/feed/", True),
    }


def count_queries(client, path: str) -> tuple[int, list[str]]:
    assert client.get(path).status_code == 200, path  # warm-up
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured), [q["sql"][:160] for q in captured.captured_queries]


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "design list",
        "design detail with comments",
        "product",
        "storefront",
        "challenge leaderboard",
        "search",
        "cart",
        "checkout",
        "dashboard",
        "feed",
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_page_query_budget_is_flat(client, world, name, who, settings):
    world.grow(10)
    path, needs_member = pages(world)[name]
    if needs_member and who == "anonymous":
        pytest.skip("members only")
    user = {"anonymous": None, "member": world.member}[who]
    if name == "dashboard" and user is not None:
        user = world.maker
    if user is not None:
        client.force_login(user)
    small, small_sql = count_queries(client, path)
    world.grow(200)
    large, large_sql = count_queries(client, path)
    assert large == small, "\n".join(large_sql)  # flat, for every page
    assert small <= BUDGET, "\n".join(small_sql)


def test_world_grows_for_real(world):
    world.grow(10)
    world.grow(200)
    assert len(world.designs) == 200 and len(world.products) == 200 and world.comments == 200
    assert world.challenge.entries.count() == 200
    assert timezone.now() - world.member.date_joined < timedelta(days=1)


def test_a_storefront_banner_costs_one_query_at_most(client, world):
    """The banner comes with the maker's brand; only its rendition is looked up."""
    from makers.services import maker_settings_update
    from tests.factories.images import image_bytes, upload

    world.grow(10)
    path = f"/makers/{world.maker.handle}/"
    without, _sql = count_queries(client, path)
    maker_settings_update(
        user=world.maker, display_name="", profile_data={}, banner_upload=upload(image_bytes(1800, 450))
    )
    with_banner, sql = count_queries(client, path)
    assert 'class="storefront-banner"' in client.get(path).content.decode()
    print("storefront queries without / with a banner:", without, with_banner)
    assert with_banner <= without + 1, "\n".join(sql)
    assert with_banner <= BUDGET
