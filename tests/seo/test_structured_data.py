"""Every page type's JSON-LD: the required schema.org properties, and the same facts the page shows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.images import get_image_model

from designs.models import DesignImage, DesignState
from editorial.models import StandardPage, StoryMaker, StoryPage
from shop.models import Review
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design, wagtail_image
from tests.factories.editorial import collection, home_page, publish, story_index
from tests.factories.shop import make_product, paid_line
from tests.factories.voting import ChallengeFactory, bulk_votes
from tests.seo.helpers import (
    assert_breadcrumbs_match,
    assert_share_tags,
    canonical,
    json_ld,
    meta,
    of_type,
    soup,
    visible_text,
)
from voting.models import ChallengeEntry
from voting.services import votes_recount

pytestmark = pytest.mark.django_db


def _with_cover(design, side: int = 1400):
    DesignImage.objects.create(design=design, image=wagtail_image(side=side), position=0, alt_text="A red fox")
    return design


def _maker(name="Mira Maker", handle="mira"):
    user = UserFactory(display_name=name, handle=handle)
    user.profile.is_maker = True
    user.profile.bio = "I print **foxes** & owls <script>alert(1)</script>."
    user.profile.save()
    return user


def test_design_page_has_a_creative_work_by_its_maker_with_the_votes_it_shows(client):
    maker = _maker()
    design = _with_cover(make_design(maker=maker, title="Night Fox", description="A fox under *stars*."))
    bulk_votes(design, [(5, True), (4, False), (3, True)])
    votes_recount()

    page = soup(client.get(design.get_absolute_url()))
    work = of_type(page, "CreativeWork")
    assert work["name"] == "Night Fox" == page.find("h1").get_text(strip=True)
    assert work["url"] == canonical(page) == "http://testserver" + design.get_absolute_url()
    assert work["description"] == "A fox under stars."
    assert work["author"]["@type"] == "Person"
    assert work["author"]["name"] == "Mira Maker" == page.select_one(".design__maker a").get_text(strip=True)
    assert work["author"]["url"] == "http://testserver/makers/mira/"
    counter = work["interactionStatistic"][0]
    assert counter["@type"] == "InteractionCounter"
    assert counter["interactionType"] == "https://schema.org/VoteAction"
    assert counter["userInteractionCount"] == 3 == int(page.select_one("[data-votes]").get_text(strip=True))
    assert work["image"] == meta(page, "og:image")
    assert "fill-1200x630" in work["image"] or work["image"].endswith((".png", ".jpg"))
    assert_share_tags(page, title="Night Fox")
    crumbs = assert_breadcrumbs_match(page)
    assert [c["name"] for c in crumbs] == ["Home", "Designs", "Night Fox"]


def test_og_image_is_a_1200x630_rendition_of_the_cover(client):
    design = _with_cover(make_design(title="Wide"))
    page = soup(client.get(design.get_absolute_url()))
    rendition = get_image_model().objects.get().renditions.get(filter_spec="fill-1200x630")
    assert (rendition.width, rendition.height) == (1200, 630)
    assert meta(page, "og:image") == "http://testserver" + rendition.url


def test_product_page_has_product_offer_rating_and_the_reviews_it_shows(client):
    product = make_product(price="24.50", stock=3)
    _with_cover(product.design)
    for rating, name in ((5, "Ann"), (4, "Ben")):
        buyer = UserFactory(display_name=name)
        Review.objects.create(
            product=product, author=buyer, order_line=paid_line(buyer, product), rating=rating, text=f"{name} says hi."
        )

    page = soup(client.get(product.get_absolute_url()))
    data = of_type(page, "Product")
    assert data["name"] == product.title == page.find("h1").get_text(strip=True)
    assert data["url"] == canonical(page)
    offer = data["offers"]
    assert offer["@type"] == "Offer"
    assert offer["priceCurrency"] == "EUR"
    assert Decimal(offer["price"]) == Decimal("24.50")
    assert "24.50\u00a0€" in page.select_one(".product__price").get_text()
    assert offer["availability"] == "https://schema.org/InStock"
    rating = data["aggregateRating"]
    assert rating["@type"] == "AggregateRating"
    assert (rating["ratingValue"], rating["reviewCount"]) == (4.5, 2)
    assert "4.5 of 5 stars from 2 reviews" in page.select_one(".product-rating").get_text(" ", strip=True)
    shown = [article.select_one(".review__text").get_text(strip=True) for article in page.select("article.review")]
    assert [review["reviewBody"] for review in data["review"]] == shown
    for review in data["review"]:
        assert review["@type"] == "Review" and review["author"]["@type"] == "Person"
        assert review["author"]["name"] in visible_text(page)
        assert review["reviewRating"]["ratingValue"] in (4, 5)
    assert_share_tags(page, title=product.title)
    assert [c["name"] for c in assert_breadcrumbs_match(page)] == ["Home", "Shop", product.title]


def test_sold_out_product_offers_out_of_stock_and_has_no_rating_without_reviews(client):
    product = make_product(stock=0)
    data = of_type(soup(client.get(product.get_absolute_url())), "Product")
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert "aggregateRating" not in data and "review" not in data


def test_maker_page_is_a_profile_page_about_a_person(client):
    maker = _maker()
    make_design(maker=maker, title="Public one")
    page = soup(client.get("/makers/mira/"))
    data = of_type(page, "ProfilePage")
    assert data["url"] == canonical(page) == "http://testserver/makers/mira/"
    person = data["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Mira Maker" == page.find("h1").get_text(strip=True)
    assert person["alternateName"] == "@mira" and "@mira" in visible_text(page)
    assert person["description"] == "I print foxes & owls ."
    assert "I print foxes & owls" in visible_text(page)
    assert [c["name"] for c in assert_breadcrumbs_match(page)] == ["Home", "Makers", "Mira Maker"]
    assert_share_tags(page, title="Mira Maker", image=False)


def test_json_ld_cannot_be_closed_by_user_text(client):
    maker = _maker()
    design = make_design(maker=maker, title="Harmless")
    design.title = "</script><script>alert(1)</script>"
    design.save()
    html = client.get(design.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    work = of_type(soup(client.get(design.get_absolute_url())), "CreativeWork")
    assert work["name"] == "</script><script>alert(1)</script>"


def test_challenge_results_are_an_item_list_in_the_shown_order(client):
    challenge = ChallengeFactory(closed_at=timezone.now())
    designs = [make_design(title=title) for title in ("First", "Second", "Third")]
    for rank, design in enumerate([designs[1], designs[0], designs[2]], start=1):
        ChallengeEntry.objects.create(challenge=challenge, design=design, rank=rank)

    page = soup(client.get(challenge.get_absolute_url()))
    data = of_type(page, "ItemList")
    shown = [card.select_one(".card__title").get_text(" ", strip=True) for card in page.select("main ol.grid > li")]
    names = [item["name"] for item in data["itemListElement"]]
    assert names == ["Second", "First", "Third"]
    assert [name.split(" ", 1)[1] for name in shown] == names
    assert data["numberOfItems"] == 3
    assert data["itemListElement"][0]["url"] == "http://testserver" + designs[1].get_absolute_url()
    assert [c["name"] for c in assert_breadcrumbs_match(page)] == ["Home", "Challenges", challenge.title]


def test_collection_is_an_item_list_of_its_visible_items(client):
    shown_designs = [make_design(title="Alpha"), make_design(title="Beta")]
    hidden = make_design(title="Gone", state=DesignState.WITHDRAWN)
    page_obj = collection([*shown_designs, hidden])
    page = soup(client.get(page_obj.url))
    data = of_type(page, "ItemList")
    assert [item["name"] for item in data["itemListElement"]] == ["Alpha", "Beta"]
    cards = [h.get_text(strip=True) for h in page.select(".collection-items .card__title")]
    assert cards == ["Alpha", "Beta"]
    assert canonical(page) == "http://testserver" + page_obj.url
    assert [c["name"] for c in assert_breadcrumbs_match(page)] == ["Home", "Collections", "Editors' picks"]


def test_story_is_an_article_about_its_makers(client):
    maker = _maker()
    index = story_index()
    story = StoryPage(title="Meet Mira", slug="meet-mira", intro="How Mira prints foxes.")
    story.story_makers.add(StoryMaker(maker=maker))
    index.add_child(instance=story)
    story = publish(story)

    page = soup(client.get(story.url))
    data = of_type(page, "Article")
    assert data["headline"] == "Meet Mira" == page.find("h1").get_text(strip=True)
    assert data["description"] == "How Mira prints foxes." == page.select_one(".lead").get_text(strip=True)
    assert data["datePublished"] == story.date.isoformat() == page.find("time")["datetime"]
    assert data["url"] == canonical(page)
    assert data["about"] == [{"@type": "Person", "name": "Mira Maker", "url": "http://testserver/makers/mira/"}]
    assert page.find("a", href="/makers/mira/").get_text(strip=True) == "Mira Maker"
    assert data["publisher"]["@type"] == "Organization"
    assert [c["name"] for c in assert_breadcrumbs_match(page)] == ["Home", "Stories", "Meet Mira"]
    assert meta(page, "og:type") == "article"


def test_home_page_has_organization_and_website_with_search_action(client):
    page = soup(client.get("/"))
    org = of_type(page, "Organization")
    assert org["name"] == "Commonmade" and org["url"] == canonical(page)
    site = of_type(page, "WebSite")
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"].endswith("/search/?q={search_term_string}")
    assert action["query-input"] == "required name=search_term_string"
    form = page.find("form", role="search")
    assert action["target"]["urlTemplate"].split("?")[0].endswith(form["action"])
    assert of_type(page, "BreadcrumbList")["itemListElement"][0]["item"] == canonical(page)


def test_standard_page_has_breadcrumbs_canonical_and_description_from_its_intro(client):
    about = publish(home_page().add_child(instance=StandardPage(title="About", slug="about", intro="Who we are.")))
    page = soup(client.get("/about/"))
    assert canonical(page) == "http://testserver" + about.url
    assert page.find("meta", attrs={"name": "description"})["content"] == "Who we are."
    assert [c["name"] for c in assert_breadcrumbs_match(page)] == ["Home", "About"]


@pytest.mark.parametrize("url", ["/designs/", "/shop/", "/makers/", "/challenges/", "/trending/"])
def test_list_pages_have_canonical_breadcrumbs_and_share_tags(client, url):
    page = soup(client.get(url + "?sort=newest&ref=nobody"))
    assert canonical(page) == "http://testserver" + url
    assert_breadcrumbs_match(page)
    assert meta(page, "og:url") == canonical(page)
    assert meta(page, "og:title") == page.find("h1").get_text(strip=True)


def test_every_page_has_exactly_one_breadcrumb_list(client):
    design = make_design()
    for url in ("/", design.get_absolute_url(), "/designs/"):
        types = [data["@type"] for data in json_ld(soup(client.get(url)))]
        assert types.count("BreadcrumbList") == 1, url
