from __future__ import annotations

import os

import pytest

from tests.search import wire
from tests.search.helpers import make_design, make_maker

# "elasticsearch": a real cluster, when ELASTICSEARCH_URL is set. "imitation": noida-db, an imitation of
# Elasticsearch's REST API started by this suite (tests/search/wire.py), whenever it is installed.
BACKENDS = (
    ["database"]
    + (["elasticsearch"] if os.environ.get("ELASTICSEARCH_URL") else [])
    + (["imitation"] if wire.binary() else [])
)


@pytest.fixture(scope="session")
def imitation_server(tmp_path_factory):
    """noida-db on a free port, for the whole test session; stopped at the end."""
    server = wire.WireServer(tmp_path_factory.mktemp("noida-db"))
    url = server.start()
    yield url
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_celery_pool():
    """Eager .delay() still opens a producer and a result backend for the test settings
    (memory://) and the app keeps both; drop them so a later test that points the app at
    Redis gets fresh ones."""
    from config.celery import app

    yield
    app._pool = None
    app.amqp._producer_pool = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture(params=BACKENDS)
def backend(request, settings, caplog):
    """Runs a contract test once per available backend.

    On a server speaking Elasticsearch's API, an answer that came from the database fallback
    fails the test: the contract is about what that server answers.
    """
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
        yield request.param
        return
    name = request.node.originalname
    if request.param == "imitation":
        settings.ELASTICSEARCH_URL = request.getfixturevalue("imitation_server")
        if name in wire.GAPS:
            reason = f"noida-db (an imitation of Elasticsearch): {wire.GAPS[name]}"
            request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    else:
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    if name in wire.PRODUCT_BUGS and name not in wire.GAPS:
        request.applymarker(pytest.mark.xfail(reason=f"product bug: {wire.PRODUCT_BUGS[name]}", strict=True))
    settings.SEARCH_INDEX_PREFIX = f"commonmade-test-{os.getpid()}"
    yield request.param
    fallbacks = [r for r in caplog.records if r.name == "search.api" and "did not answer" in r.getMessage()]
    assert not fallbacks, f"{request.param} did not answer; the database did: {fallbacks[0].exc_info!r}"


@pytest.fixture
def catalog(db, backend, django_capture_on_commit_callbacks):
    """A small catalogue, indexed after commit like on the site."""
    with django_capture_on_commit_callbacks(execute=True):
        mira = make_maker(handle="mira-makes", display_name="Mira Maker", bio="Prints of <b>cats</b> and mountains.")
        theo = make_maker(handle="theo-prints", display_name="Theo Prints")
        designs = {
            "cat_tee": make_design(
                title="Cat T-Shirt",
                maker=mira,
                description="A sleepy cat on a soft T-Shirt. Fits <script>alert(1)</script> everyone.",
                tags=("cats", "animals"),
                category="apparel",
                days_ago=3,
            ),
            "wave_tee": make_design(
                title="Wave Tshirt", maker=theo, description="Big waves.", tags=("sea",), category="apparel", days_ago=1
            ),
            "mountain_tee": make_design(
                title="Mountain t shirts",
                maker=theo,
                description="Peaks for hikers.",
                tags=("mountains", "animals"),
                category="apparel",
                state="on_sale",
                days_ago=10,
            ),
            "cat_poster": make_design(
                title="Cat poster", maker=mira, description="Cats everywhere.", tags=("cats",), days_ago=2
            ),
            "mug": make_design(title="Coffee mug", maker=mira, description="Morning coffee.", category="mug"),
            "draft_tee": make_design(title="Secret T-Shirt draft", maker=mira, state="draft"),
            "withdrawn_tee": make_design(title="Withdrawn T-Shirt", maker=mira, state="withdrawn"),
            "removed_tee": make_design(title="Removed T-Shirt", maker=mira, moderation_removed=True),
        }
    if backend != "database":
        from search import elastic

        elastic.rebuild()
    yield {"makers": {"mira": mira, "theo": theo}, "designs": designs}
    if backend != "database":
        from search import elastic

        elastic.drop_indexes()


@pytest.fixture
def shop_catalog(db, backend, django_capture_on_commit_callbacks):
    """Products with reviews, sales and votes whose numbers are worked out by hand in the tests."""
    from tests.search.helpers import make_product, review, sell, votes

    with django_capture_on_commit_callbacks(execute=True):
        mira = make_maker(handle="mira-shop", display_name="Mira Shop")
        forest = make_design(
            title="Forest Pattern T-Shirt",
            maker=mira,
            description="Pines and ferns.",
            tags=("forest", "trees"),
            category="apparel",
            state="on_sale",
        )
        astro = make_design(
            title="Cat Astronaut", maker=mira, description="A cat in space.", tags=("cats",), state="on_sale"
        )
        wave = make_design(title="Wave study", maker=mira, description="Blue waves.", state="approved")
        products = {
            "tee": make_product(
                design=forest, title="Forest Pattern Tee", product_type="tshirt", price="29.90", description="Organic."
            ),
            "print": make_product(design=astro, title="Cat Astronaut Print", product_type="poster", price="19.00"),
            "mug": make_product(design=astro, title="Cat Astronaut Mug", product_type="mug", price="12.00"),
            "draft": make_product(
                design=forest, title="Forest Hoodie", product_type="hoodie", price="49.00", status="draft"
            ),
        }
        # Reviews: tee 5+4 = 4.5 (2), print 5.0 (1), mug 3+4 = 3.5 (2). Each review is one paid unit.
        for key, stars in (("tee", 5), ("tee", 4), ("print", 5), ("mug", 3), ("mug", 4)):
            review(products[key], stars)
        # Units sold (paid, minus refunded): tee 2+4 = 6, print 1+2 = 3, mug 2+(4-1) = 5.
        sell(products["tee"], 4)
        sell(products["print"], 2)
        sell(products["print"], 10, status="authorized")  # a pre-order: not sold yet
        sell(products["print"], 7, status="pending")
        sell(products["mug"], 4, refunded=1)
        # Votes: Bayesian (10 * 2.5 + sum) / (10 + n): forest (25 + 50) / 20 = 3.75, astro (25 + 30) / 20 = 2.75.
        votes(forest, [5] * 10)
        votes(astro, [3] * 10)
    if backend != "database":
        from search import elastic

        elastic.rebuild()
    yield {"designs": {"forest": forest, "astro": astro, "wave": wave}, "products": products, "maker": mira}
    if backend != "database":
        from search import elastic

        elastic.drop_indexes()
