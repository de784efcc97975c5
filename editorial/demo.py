"""Demo pages: the home page's blocks and the standard pages."""

from __future__ import annotations

from wagtail.models import Page

from editorial.models import HomePage, StandardPage

STANDARD_PAGES = [
    (
        "about",
        "About Commonmade",
        "Makers upload designs, the community votes, and the designs the crowd chooses become products.",
    ),
    ("imprint", "Imprint", "Commonmade (demo). Responsible for content: the Commonmade team."),
    (
        "privacy",
        "Privacy",
        "We store only what we need to run the site: your account, your votes, comments and orders.",
    ),
    ("terms", "Terms", "By uploading a design you confirm that you own the rights to it."),
    (
        "faq",
        "FAQ",
        "How does voting work? Every member scores a design from 0 to 5 and says whether they would buy it.",
    ),
]


def seed_home_page() -> HomePage:
    home = HomePage.objects.live().filter(depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Commonmade", slug="home"))
    if not home.body:
        home.body = [
            (
                "hero",
                {
                    "heading": "Designs chosen by the crowd",
                    "text": "Makers upload designs. You vote. The favourites become products.",
                    "link_text": "Vote on designs",
                    "link_url": "/designs/",
                },
            )
        ]
        home.save_revision().publish()
    for slug, title, intro in STANDARD_PAGES:
        if not StandardPage.objects.child_of(home).filter(slug=slug).exists():
            home.add_child(instance=StandardPage(title=title, slug=slug, intro=intro))
    return home
