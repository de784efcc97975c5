"""Demo pages in English and German: home page sections, collections, stories, standard pages.

Idempotent: pages are found by slug and left alone when they exist.
"""

from __future__ import annotations

from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from accounts.models import User
from designs.demo import DEMO_DESIGNS
from designs.models import Design
from editorial.demo_pages import PAGE_BODIES
from editorial.legal import LEGAL_PAGES
from editorial.models import (
    CollectionIndexPage,
    CollectionPage,
    HomePage,
    StandardPage,
    StoryIndexPage,
    StoryMaker,
    StoryPage,
)

# slug: (English title, English intro, German title, German intro)
STANDARD_PAGES = {
    "about": (
        "About Commonmade",
        "Makers upload designs, the community votes, and the designs the crowd chooses become products.",
        "Über Commonmade",
        "Gestalter:innen laden Entwürfe hoch, die Community stimmt ab, und die gewählten Entwürfe werden zu Produkten.",
    ),
    "faq": (
        "FAQ",
        "How does voting work? Every member scores a design from 0 to 5 and says whether they would buy it.",
        "Häufige Fragen",
        "Wie funktioniert die Abstimmung? Jedes Mitglied bewertet einen Entwurf von 0 bis 5 "
        "und sagt, ob es ihn kaufen würde.",
    ),
}

COLLECTIONS = [
    (
        "summer-picks",
        ("Summer picks", "Bright designs for long days, chosen by our editors."),
        ("Sommer-Auswahl", "Leuchtende Entwürfe für lange Tage, ausgewählt von unserer Redaktion."),
        slice(0, 4),
    ),
    (
        "for-the-desk",
        ("For the desk", "Mugs, posters and stickers that make a workplace yours."),
        ("Für den Schreibtisch", "Tassen, Poster und Sticker, die einen Arbeitsplatz zu deinem machen."),
        slice(2, 6),
    ),
]

STORIES = [
    (
        "meet-mira",
        "maker@example.com",
        ("Meet Mira: posters from the mountains", "How a weekend hike turned into a design the crowd loved."),
        (
            "Mira im Porträt: Poster aus den Bergen",
            "Wie aus einer Wanderung ein Entwurf wurde, den die Community liebt.",
        ),
        ("I draw what I see on the way up.", "Ich zeichne, was ich auf dem Weg nach oben sehe."),
        ["maker spotlight", "poster"],
    ),
    (
        "how-voting-works",
        "maker2@example.com",
        ("How the crowd picks our products", "Votes, would-buy counts and an editor's final word."),
        ("Wie die Community unsere Produkte wählt", "Stimmen, Kaufabsichten und das letzte Wort der Redaktion."),
        ("Every vote counts, and so does every comment.", "Jede Stimme zählt, und jeder Kommentar auch."),
        ["news"],
    ),
]


def _demo_designs() -> list[Design]:
    """The public demo designs (made by designs.demo, which runs first), in a stable order."""
    slugs = [spec.slug for spec in DEMO_DESIGNS]
    by_slug = {design.slug: design for design in Design.objects.filter(slug__in=slugs)}
    return [by_slug[slug] for slug in slugs if slug in by_slug and by_slug[slug].is_public]


def _german(page: Page, de: Locale, **fields) -> Page:
    """The German translation of `page`, created from it when missing, with German fields."""
    translation = page.get_translation_or_none(de)
    if translation is None:
        translation = page.copy_for_translation(de)
        translation = translation.specific
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
    return translation.specific


def _child(parent: Page, model, slug: str, **fields) -> Page:
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
    return page


def _home_body(collections: list[CollectionPage], german: bool) -> list:
    def t(english: str, deutsch: str) -> str:
        return deutsch if german else english

    return [
        (
            "hero",
            {
                "heading": t("Designs chosen by the crowd", "Entwürfe, gewählt von der Community"),
                "text": t(
                    "Makers upload designs. You vote. The favourites become products.",
                    "Gestalter:innen laden Entwürfe hoch. Du stimmst ab. Die Favoriten werden zu Produkten.",
                ),
                "link_text": t("Vote on designs", "Jetzt abstimmen"),
                "link_url": t("/designs/", "/de/designs/"),
            },
        ),
        (
            "featured_collections",
            {
                "heading": t("Featured collections", "Ausgewählte Kollektionen"),
                "collections": collections,
                "items_per_collection": 4,
            },
        ),
        ("trending_designs", {"heading": t("Trending designs", "Entwürfe im Trend"), "limit": 8}),
        ("new_products", {"heading": t("New in the shop", "Neu im Shop"), "limit": 8}),
        ("open_challenges", {"heading": t("Open challenges", "Offene Wettbewerbe"), "limit": 4}),
        ("latest_stories", {"heading": t("Stories", "Geschichten"), "limit": 3}),
    ]


def seed_editorial() -> HomePage:
    en = Locale.objects.get(language_code="en")
    de, _ = Locale.objects.get_or_create(language_code="de")
    home = HomePage.objects.filter(depth=2, locale=en).first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Commonmade", slug="home", locale=en))
    home_de = _german(home, de, title="Commonmade")

    for slug, (title, intro, title_de, intro_de) in STANDARD_PAGES.items():
        page = _child(home, StandardPage, slug, title=title, intro=intro)
        page_de = _german(page, de, title=title_de, intro=intro_de)
        body, body_de = PAGE_BODIES.get(slug, ("", ""))
        for target, html in ((page.specific, body), (page_de, body_de)):
            if html and not target.body:  # one sentence was all these pages had: give them their text
                target.body = [("text", RichText(html))]
                target.save_revision().publish()
    seed_legal_pages(home, de)
    seed_site_links(home)

    designs = _demo_designs()
    index = _child(
        home, CollectionIndexPage, "collections", title="Collections", intro="Designs and products our editors love."
    )
    _german(index, de, title="Kollektionen", intro="Entwürfe und Produkte, die unsere Redaktion liebt.")
    collections_en, collections_de = [], []
    for slug, (title, intro), (title_de, intro_de), chosen in COLLECTIONS:
        items = [("design", design) for design in designs[chosen]]
        collection = _child(index, CollectionPage, slug, title=title, intro=intro, items=items)
        collections_en.append(collection)
        collections_de.append(_german(collection, de, title=title_de, intro=intro_de))

    stories = _child(
        home, StoryIndexPage, "stories", title="Stories", intro="Maker spotlights and news from Commonmade."
    )
    _german(stories, de, title="Geschichten", intro="Porträts und Neuigkeiten von Commonmade.")
    for slug, email, (title, intro), (title_de, intro_de), (quote, quote_de), tags in STORIES:
        maker = User.objects.get(email=email)
        made = [design for design in designs if design.maker_id == maker.pk][:1]
        story = StoryPage.objects.child_of(stories).filter(slug=slug).first()
        if story is None:
            body = [("text", f"<p>{intro}</p>"), ("quote", {"quote": quote, "attribution": maker.public_name})]
            body += [("design", design) for design in made]
            story = StoryPage(slug=slug, title=title, intro=intro, body=body)
            story.story_makers.add(StoryMaker(maker=maker))
            story.tags.add(*tags)
            stories.add_child(instance=story)
            story.save_revision().publish()
        body_de = [("text", f"<p>{intro_de}</p>"), ("quote", {"quote": quote_de, "attribution": maker.public_name})]
        body_de += [("design", design) for design in made]
        _german(story, de, title=title_de, intro=intro_de, body=body_de)

    if not any(block.block_type == "featured_collections" for block in home.body):
        home.body = _home_body(collections_en, german=False)
        home.save_revision().publish()
    home_de.refresh_from_db()
    if not any(block.block_type == "featured_collections" for block in home_de.body):
        home_de.body = _home_body(collections_de, german=True)
        home_de.save_revision().publish()
    return home


def seed_legal_pages(home: HomePage, de: Locale) -> None:
    """Terms, withdrawal policy, shipping and payment, imprint, privacy: editable pages the checkout links to.

    A page that exists without a body (an older seed) gets the text; a page an editor has written is left alone.
    """
    for slug, (title, intro, body, title_de, intro_de, body_de) in LEGAL_PAGES.items():
        page = _child(home, StandardPage, slug, title=title, intro=intro, body=[("text", body)])
        _fill_empty(page, title=title, intro=intro, body=body)
        german = _german(page, de, title=title_de, intro=intro_de, body=[("text", body_de)])
        _fill_empty(german, title=title_de, intro=intro_de, body=body_de)


# The footer seed_demo sets (Settings → Footer and legal pages): (slug, label). Labels are the site's
# translated strings, so German visitors read German ones.
FOOTER_PAGES = [
    ("about", "About"),
    ("imprint", "Imprint"),
    ("privacy", "Privacy"),
    ("terms", "Terms"),
    ("withdrawal", "Withdrawal policy"),
    ("shipping", "Shipping and payment"),
    ("faq", "FAQ"),
]


def seed_site_links(home: HomePage) -> None:
    """Footer links and legal pages, once: a setting an editor has filled in is left alone."""
    from django.urls import reverse

    from core.models import SiteLinks

    site = Site.objects.get(is_default_site=True)
    links = SiteLinks.for_site(site)
    pages = {page.slug: page for page in StandardPage.objects.child_of(home)}
    changed = False
    if not len(links.footer_links):
        blocks = [("page", {"page": pages[slug], "label": label}) for slug, label in FOOTER_PAGES if slug in pages]
        blocks.append(("link", {"url": reverse("voting:how_it_works"), "label": "How voting works"}))
        links.footer_links = blocks
        changed = True
    for slug in ("terms", "withdrawal", "shipping", "privacy", "imprint"):
        if getattr(links, f"{slug}_page_id") is None and slug in pages:
            setattr(links, f"{slug}_page", pages[slug])
            changed = True
    if changed:
        links.save()


def _fill_empty(page: StandardPage, *, title: str, intro: str, body: str) -> None:
    if len(page.body):
        return
    page.title, page.intro, page.body = title, intro, [("text", body)]
    page.save_revision().publish()
