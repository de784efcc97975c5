"""Products and stories in the catalogue search, with real review, sales and vote numbers (every backend)."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation
from wagtail.models import Locale

from editorial.models import StoryMaker, StoryPage
from search.models import SearchEntry
from tests.factories.editorial import home_page, publish, story_index
from tests.search.helpers import find, suggest_for

pytestmark = pytest.mark.django_db


def titles(result):
    return [hit.title for hit in result.hits]


def counts(result, facet):
    found = result.facet(facet)
    return {v.value: v.count for v in found.values} if found else {}


def refresh(backend):
    if backend != "database":
        from search import elastic

        elastic.client().indices.refresh(index=elastic.alias_name())


# --- products ---------------------------------------------------------------------------


def test_a_product_is_found_by_its_title_with_typos(shop_catalog):
    result = find("forrest tee", filters={"kind": ["product"]})
    assert titles(result) == ["Forest Pattern Tee"]
    hit = result.hits[0]
    assert hit.kind == "product" and str(hit.kind_label) == "Products"
    assert hit.url == shop_catalog["products"]["tee"].get_absolute_url()
    assert hit.price == "29.90"
    assert hit.rating == 4.5 and hit.rating_count == 2


def test_did_you_mean_and_highlighting_for_products(shop_catalog, backend):
    result = find("forrest tee")
    if backend == "database":
        assert result.suggestion == "forest tee"
    assert "<mark>Tee</mark>" in find("tee", filters={"kind": ["product"]}).hits[0].title_html
    organic = find("organic")
    assert titles(organic) == ["Forest Pattern Tee"]
    assert "<mark>Organic</mark>" in organic.hits[0].snippet


def test_a_product_is_found_by_its_type_and_its_design(shop_catalog):
    assert titles(find("tshrit", filters={"kind": ["product"]})) == ["Forest Pattern Tee"]
    # The product type in other words, the design's tags and its maker lead to the product too.
    assert "Cat Astronaut Mug" in titles(find("mug", filters={"kind": ["product"]}))
    assert titles(find("trees", filters={"kind": ["product"]})) == ["Forest Pattern Tee"]
    assert set(titles(find("mira shop", filters={"kind": ["product"]}))) == {
        "Forest Pattern Tee",
        "Cat Astronaut Print",
        "Cat Astronaut Mug",
    }


def test_draft_products_are_not_found(shop_catalog):
    assert "Forest Hoodie" not in titles(find("forest"))
    assert find("hoodie").total == 0


def test_products_appear_when_published_and_leave_when_retired(
    shop_catalog, backend, django_capture_on_commit_callbacks
):
    from shop.services.products import product_publish, product_retire
    from tests.search.helpers import make_maker

    editor = make_maker()
    editor.is_superuser = True
    editor.save()
    draft = shop_catalog["products"]["draft"]
    with django_capture_on_commit_callbacks(execute=True):
        product_publish(product=draft, actor=editor)
    refresh(backend)
    assert titles(find("hoodie")) == ["Forest Hoodie"]
    with django_capture_on_commit_callbacks(execute=True):
        product_retire(product=shop_catalog["products"]["tee"], actor=editor)
    refresh(backend)
    assert "Forest Pattern Tee" not in titles(find("forest tee"))
    assert not SearchEntry.objects.filter(kind="product", object_id=shop_catalog["products"]["tee"].pk).exists()


def test_products_leave_with_their_design(shop_catalog, backend, django_capture_on_commit_callbacks):
    forest = shop_catalog["designs"]["forest"]
    with django_capture_on_commit_callbacks(execute=True):
        forest.moderation_removed = True
        forest.save()
    refresh(backend)
    assert find("forest").total == 0


def test_facets_count_products(shop_catalog):
    result = find("", filters={"kind": ["product"]})
    assert result.total == 3
    assert counts(result, "product_type") == {"tshirt": 1, "poster": 1, "mug": 1}
    # 29.90 is in 20-40; 19.00 and 12.00 in 0-20.
    assert counts(result, "price") == {"20-40": 1, "0-20": 2}
    # 4.5 and 5.0 are "4 to 5 stars", 3.5 is "3 to 4".
    assert counts(result, "rating") == {"4": 2, "3": 1}
    assert counts(result, "category") == {"apparel": 1, "poster": 2}
    assert counts(result, "state") == {"on_sale": 3}
    assert counts(result, "tags") == {"cats": 2, "forest": 1, "trees": 1}
    labels = {v.value: v.label for v in result.facet("product_type").values}
    assert labels == {"tshirt": "T-shirt", "poster": "Poster", "mug": "Mug"}
    assert [v.label for v in result.facet("price").values] == ["€0 to €20", "€20 to €40"]


def test_facets_count_products_and_designs_together(shop_catalog):
    result = find("cat astronaut")
    assert counts(result, "kind") == {"design": 1, "product": 2}
    assert sum(counts(result, "kind").values()) == result.total == 3
    cheap = find("cat astronaut", filters={"price": ["0-20"], "product_type": ["mug"]})
    assert titles(cheap) == ["Cat Astronaut Mug"]
    assert counts(find("", filters={"rating": ["4"]}), "kind") == {"product": 2}


def test_top_rated_orders_by_stars_then_number_of_reviews(shop_catalog):
    # Products: 5.0 (1 review), 4.5 (2), 3.5 (2).
    result = find("", filters={"kind": ["product"]}, sort="top_rated")
    assert titles(result) == ["Cat Astronaut Print", "Forest Pattern Tee", "Cat Astronaut Mug"]
    # Designs: the crowd's Bayesian score, 3.75 and 2.75; a design without votes comes last.
    designs = find("", filters={"kind": ["design"]}, sort="top_rated")
    assert titles(designs) == ["Forest Pattern T-Shirt", "Cat Astronaut", "Wave study"]
    assert [h.rating for h in designs.hits] == [3.75, 2.75, None]
    assert counts(designs, "rating") == {"3": 1, "2": 1}


def test_best_selling_counts_paid_units_only(shop_catalog):
    # Paid units minus refunds: tee 6, mug 5, print 3 (authorised and pending orders do not count).
    result = find("", filters={"kind": ["product"]}, sort="best_selling")
    assert titles(result) == ["Forest Pattern Tee", "Cat Astronaut Mug", "Cat Astronaut Print"]
    entries = dict(SearchEntry.objects.filter(kind="product").values_list("title", "sales"))
    assert entries == {"Forest Pattern Tee": 6, "Cat Astronaut Mug": 5, "Cat Astronaut Print": 3}
    # A design sells what its products sell: astronaut 5 + 3 = 8, forest 6, wave 0.
    designs = find("", filters={"kind": ["design"]}, sort="best_selling")
    assert titles(designs) == ["Cat Astronaut", "Forest Pattern T-Shirt", "Wave study"]


def test_crowd_scores_are_real(shop_catalog):
    # 100 * (0.6 * bayesian / 5 + 0.4 * would-buy lower bound): forest 45, astronaut 33;
    # wave has no votes yet: 0, not the prior's 30, so unvoted designs get no boost.
    scores = dict(SearchEntry.objects.filter(kind="design").values_list("title", "crowd_score"))
    assert scores == pytest.approx({"Forest Pattern T-Shirt": 45.0, "Cat Astronaut": 33.0, "Wave study": 0.0})
    products = dict(SearchEntry.objects.filter(kind="product").values_list("title", "crowd_score"))
    assert products == pytest.approx(
        {"Forest Pattern Tee": 45.0, "Cat Astronaut Print": 33.0, "Cat Astronaut Mug": 33.0}
    )


def test_a_paid_order_updates_sales_and_a_review_the_rating(shop_catalog, backend, django_capture_on_commit_callbacks):
    from shop.models import Order
    from shop.signals import order_paid
    from tests.search.helpers import review, sell

    print_ = shop_catalog["products"]["print"]
    with django_capture_on_commit_callbacks(execute=True):
        line = sell(print_, 5)
    # Orders are created as pending in the shop; the paid signal is what tells search.
    with django_capture_on_commit_callbacks(execute=True):
        order_paid.send(sender=Order, order=line.order)
    refresh(backend)
    result = find("", filters={"kind": ["product"]}, sort="best_selling")
    assert titles(result)[0] == "Cat Astronaut Print"  # 3 + 5 = 8
    designs = SearchEntry.objects.get(kind="design", object_id=shop_catalog["designs"]["astro"].pk)
    assert designs.sales == 13
    with django_capture_on_commit_callbacks(execute=True):
        review(shop_catalog["products"]["mug"], 1)  # 3 + 4 + 1 = 8 / 3
    refresh(backend)
    mug = SearchEntry.objects.get(kind="product", object_id=shop_catalog["products"]["mug"].pk)
    assert mug.rating == pytest.approx(8 / 3) and mug.rating_count == 3
    assert mug.rating_band == "2"


def test_votes_reach_the_index_in_the_periodic_sweep_not_per_vote(shop_catalog, django_capture_on_commit_callbacks):
    from search.tasks import reindex_stale_designs
    from tests.factories.voting import VoterFactory
    from voting.services import vote_cast

    wave = shop_catalog["designs"]["wave"]
    voter = VoterFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        vote_cast(voter=voter, design=wave, score=5)
    assert not [c for c in callbacks if getattr(c, "__module__", "").startswith("search")]
    entry = SearchEntry.objects.get(kind="design", object_id=wave.pk)
    assert entry.crowd_score == 0 and entry.rating is None  # casting a vote leaves the index alone
    # (10 * 2.5 + 5) / 11 = 2.727...; crowd 100 * 0.6 * 2.727 / 5 = 32.7
    assert reindex_stale_designs.delay().get() == 1
    entry.refresh_from_db()
    assert entry.rating == pytest.approx(30 / 11, abs=1e-3)
    assert entry.crowd_score == pytest.approx(60 * 30 / 11 / 5, abs=1e-3)
    assert reindex_stale_designs.delay().get() == 0  # nothing moved since


def test_the_voting_recount_catches_the_index_up(shop_catalog, django_capture_on_commit_callbacks):
    from tests.factories.voting import bulk_votes
    from voting.tasks import voting_recount

    wave = shop_catalog["designs"]["wave"]
    bulk_votes(wave, [(4, True)] * 4, prefix="late")  # straight into the table, like a repaired drift
    voting_recount.delay()
    entry = SearchEntry.objects.get(kind="design", object_id=wave.pk)
    assert entry.rating == pytest.approx((25 + 16) / 14, abs=1e-3)


def test_suggest_offers_products(shop_catalog):
    suggestions = suggest_for("forest pat")
    assert {s.title for s in suggestions} == {"Forest Pattern Tee", "Forest Pattern T-Shirt"}
    assert {s.kind for s in suggestions} == {"product", "design"}


# --- stories ----------------------------------------------------------------------------


@pytest.fixture
def stories(db, backend, django_capture_on_commit_callbacks):
    from tests.search.helpers import make_maker

    mira = make_maker(handle="mira-story", display_name="Mira Story")
    with django_capture_on_commit_callbacks(execute=True):
        index = story_index()
        story = StoryPage(
            title="Meet Mira: posters from the mountains",
            slug="meet-mira",
            intro="How a weekend hike turned into a design.",
            date=timezone.localdate(),
            body=[
                ("text", "<p>She sketches <b>glaciers</b> at dawn.</p>"),
                ("quote", {"quote": "I draw what I see on the way up.", "attribution": "Mira"}),
            ],
        )
        story.story_makers.add(StoryMaker(maker=mira))
        story.tags.add("maker spotlight")
        index.add_child(instance=story)
        publish(story)
        de = Locale.objects.get(language_code="de")
        home_page().copy_for_translation(de)
        index_de = index.copy_for_translation(de, copy_parents=True)
        index_de.slug = "geschichten"
        publish(index_de)
        german = story.copy_for_translation(de, copy_parents=True)
        german.title = "Mira im Porträt: Poster aus den Bergen"
        german.intro = "Wie aus einer Wanderung ein Entwurf wurde."
        german.body = [("text", "<p>Sie zeichnet Gletscher im Morgengrauen.</p>")]
        publish(german)
        draft = StoryPage(
            title="Secret harbour draft", slug="secret", intro="Not yet.", date=timezone.localdate(), live=False
        )
        index.add_child(instance=draft)
        draft.save_revision()
    if backend != "database":
        from search import elastic

        elastic.rebuild()
    yield {"en": story, "de": german, "draft": draft, "maker": mira}
    if backend != "database":
        from search import elastic

        elastic.drop_indexes()


def test_stories_are_found_in_both_languages(stories):
    english = find("glaciers", filters={"kind": ["story"]})
    assert titles(english) == ["Meet Mira: posters from the mountains"]
    hit = english.hits[0]
    assert hit.url == "/stories/meet-mira/"
    assert "<mark>glaciers</mark>" in hit.snippet and "<b>" not in hit.snippet
    assert "Mira Story" in hit.subtitle
    # Each language's pages list that language's stories (issue 15: the English site listed German ones).
    assert find("gletscher", filters={"kind": ["story"]}).total == 0
    with translation.override("de"):
        german = find("gletscher", filters={"kind": ["story"]})
        assert find("glaciers", filters={"kind": ["story"]}).total == 0
    assert titles(german) == ["Mira im Porträt: Poster aus den Bergen"]
    assert german.hits[0].url == "/de/geschichten/meet-mira/"


def test_stories_are_found_by_quote_tag_maker_and_typo(stories, backend):
    assert titles(find("draw what I see")) == ["Meet Mira: posters from the mountains"]
    assert counts(find("spotlight"), "tags") == {"maker spotlight": 1}
    with translation.override("de"):
        assert counts(find("spotlight"), "tags") == {"maker spotlight": 1}  # the translation keeps the tags
    typo = find("mountians", filters={"kind": ["story"]})
    assert titles(typo) == ["Meet Mira: posters from the mountains"]
    if backend == "database":
        assert typo.suggestion == "mountains"
    kinds = counts(find("mira"), "kind")
    assert kinds == {"story": 1, "maker": 1}


def test_drafts_are_not_found_and_unpublished_stories_leave(stories, backend, django_capture_on_commit_callbacks):
    assert find("secret").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        stories["draft"].get_latest_revision().publish()
    refresh(backend)
    assert titles(find("secret")) == ["Secret harbour draft"]
    with django_capture_on_commit_callbacks(execute=True):
        stories["en"].unpublish()
    refresh(backend)
    assert titles(find("glaciers", filters={"kind": ["story"]})) == []
    with django_capture_on_commit_callbacks(execute=True):
        StoryPage.objects.get(pk=stories["de"].pk).delete()
    refresh(backend)
    assert find("gletscher").total == 0


def test_search_page_shows_products_with_price_rating_and_their_facets(shop_catalog, client):
    html = client.get("/search/", {"q": "forrest tee"}).content.decode()
    assert "<mark>Forest</mark> Pattern <mark>Tee</mark>" in html  # the corrected words are marked
    assert "29.90\u00a0€" in html and "4.5 of 5 from 2 reviews" in html
    page = client.get("/search/", {"q": "cat astronaut"}).content.decode()
    for label in ("Product type", "Price", "€0 to €20", "Mug", "Poster"):
        assert label in page


def test_results_and_suggestions_link_in_the_page_language(catalog):

    english = find("cat")
    assert english.hits and all(not hit.url.startswith("/de/") for hit in english.hits)
    assert all(not s.url.startswith("/de/") for s in suggest_for("cat"))
    with translation.override("de"):
        german = find("cat")
        suggestions = suggest_for("cat")
    assert german.hits and all(hit.url.startswith("/de/") for hit in german.hits if hit.kind != "story")
    assert suggestions and all(s.url.startswith("/de/") for s in suggestions)
