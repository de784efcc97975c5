import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from wagtail.models import Locale

from designs.models import Design, DesignState
from editorial.models import CollectionPage, HomePage, StandardPage, StoryIndexPage, StoryMaker, StoryPage
from editorial.tasks import publish_scheduled_pages
from tests.factories.accounts import UserFactory
from tests.factories.editorial import home_page, make_design, publish, story_index

pytestmark = pytest.mark.django_db


def _story(index, *, title="Meet Mira", slug="meet-mira", body=(), makers=(), tags=()):
    story = StoryPage(title=title, slug=slug, intro="Intro text.", body=list(body))
    for maker in makers:
        story.story_makers.add(StoryMaker(maker=maker))
    story.tags.add(*tags)
    index.add_child(instance=story)
    return publish(story)


def _german(page, **fields):
    translation = page.copy_for_translation(Locale.objects.get(language_code="de"), copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation)


def test_navigation_url_name_leads_to_the_story_index_of_each_language(client):
    index = story_index()
    _german(home_page(), title="Startseite")
    index_de = _german(index, title="Geschichten", slug="geschichten")

    assert reverse("editorial:stories") == "/stories/"
    response = client.get("/stories/")
    assert response.status_code == 200
    assert "<h1>Stories</h1>" in response.content.decode()

    with override("de"):
        url = reverse("editorial:stories")
    assert url == "/de/stories/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == index_de.url == "/de/geschichten/"
    assert "<h1>Geschichten</h1>" in client.get("/de/geschichten/").content.decode()


def test_stories_url_is_404_without_a_story_index(client):
    assert client.get("/stories/").status_code == 404


def test_main_navigation_links_to_stories(client):
    story_index()
    html = client.get("/").content.decode()
    assert 'href="/stories/"' in html


def test_story_shows_its_blocks_makers_and_tags_and_hides_a_withdrawn_design(client):
    maker = UserFactory(display_name="Mira Maker")
    design = make_design(maker=maker, title="Mountain Sunrise")
    story = _story(
        story_index(),
        body=[
            ("text", "<p>Paragraph one.</p>"),
            ("quote", {"quote": "I draw what I see.", "attribution": "Mira"}),
            ("design", design),
            ("product", None),
        ],
        makers=[maker],
        tags=["spotlight"],
    )
    html = client.get(story.url).content.decode()
    for text in ("Paragraph one.", "I draw what I see.", "Mountain Sunrise", "Mira Maker", "spotlight"):
        assert text in html

    Design.objects.filter(pk=design.pk).update(state=DesignState.WITHDRAWN)
    assert "Mountain Sunrise" not in client.get(story.url).content.decode()


def test_story_index_lists_live_stories_and_filters_by_tag(client, django_assert_max_num_queries):
    index = story_index()
    _story(index, title="Tagged Story", slug="tagged", tags=["news"])
    _story(index, title="Other Story", slug="other")
    draft = _story(index, title="Draft Story", slug="draft")
    draft.unpublish()

    html = client.get(index.url).content.decode()
    assert "Tagged Story" in html and "Other Story" in html and "Draft Story" not in html
    html = client.get(index.url, {"tag": "news"}).content.decode()
    assert "Tagged Story" in html and "Other Story" not in html


def test_home_page_latest_stories_block_shows_stories_of_the_visitors_language(client):
    index = story_index()
    story = _story(index, title="English Story", slug="english")
    home = home_page()
    home.body = [("latest_stories", {"heading": "Stories", "limit": 3})]
    publish(home)
    home_de = _german(home)
    _german(story, title="Deutsche Geschichte")

    assert "English Story" in client.get("/").content.decode()
    html = client.get("/de/").content.decode()
    assert "Deutsche Geschichte" in html and "English Story" not in html
    assert home_de.live


def test_sections_from_voting_and_shop_are_left_out_while_they_have_nothing_to_show(client):
    home = home_page()
    home.body = [
        ("trending_designs", {"heading": "Trending now", "limit": 4}),
        ("new_products", {"heading": "New in the shop", "limit": 4}),
        ("open_challenges", {"heading": "Open challenges", "limit": 4}),
    ]
    publish(home)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trending now" not in html
    assert "New in the shop" not in html
    assert "Open challenges" not in html


def test_translations_link_each_other_with_hreflang(client):
    home = home_page()
    page = publish(home.add_child(instance=StandardPage(title="About", slug="about")))
    _german(home, title="Startseite")
    _german(page, title="Über uns")

    for url in ("/about/", "/de/about/"):
        html = client.get(url).content.decode()
        links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
        # The same origin as every other absolute URL of the page (canonical, breadcrumbs, sitemap).
        assert links == {
            "en": "http://testserver/about/",
            "de": "http://testserver/de/about/",
            "x-default": "http://testserver/about/",
        }


def test_untranslated_pages_have_no_hreflang_links(client):
    publish(home_page().add_child(instance=StandardPage(title="Only English", slug="only-english")))
    assert 'hreflang="' not in client.get("/only-english/").content.decode()


def test_views_outside_wagtail_link_their_language_versions(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'hreflang="de" href="http://testserver/de/accounts/login/"' in html


def test_scheduled_story_goes_live_when_the_task_runs(client):
    index = story_index()
    story = StoryPage(title="Scheduled", slug="scheduled", intro="Soon.", live=False)
    index.add_child(instance=story)
    story.go_live_at = timezone.now() + timedelta(hours=1)
    story.save_revision().publish()
    story.refresh_from_db()
    assert not story.live
    assert client.get("/stories/scheduled/").status_code == 404

    # Time passes: the scheduled moment is now a minute ago.
    revision = story.latest_revision
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    publish_scheduled_pages()
    story.refresh_from_db()
    assert story.live
    assert client.get("/stories/scheduled/").status_code == 200


def test_editor_previews_a_story_before_publishing(client):
    from tests.factories.editorial import staff_user

    index = story_index()
    client.force_login(staff_user("Editors"))
    url = reverse("wagtailadmin_pages:preview_on_add", args=("editorial", "storypage", index.pk))
    data = {
        "title": "Preview Me",
        "slug": "preview-me",
        "date": "2026-05-01",
        "intro": "Not yet public.",
        "tags": "",
        "hero_image": "",
        "body-count": "0",
        "story_makers-TOTAL_FORMS": "0",
        "story_makers-INITIAL_FORMS": "0",
        "story_makers-MIN_NUM_FORMS": "0",
        "story_makers-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    assert client.post(url, data).json()["is_valid"]
    html = client.get(url).content.decode()
    assert "Preview Me" in html and "Not yet public." in html
    assert not StoryPage.objects.filter(slug="preview-me").exists()


@override_settings(DEBUG=True)
def test_seed_demo_builds_bilingual_pages(client):
    call_command("seed_demo", "--no-progress", verbosity=0)
    call_command("seed_demo", "--no-progress", verbosity=0)
    en, de = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="de")
    for locale in (en, de):
        assert HomePage.objects.filter(locale=locale).count() == 1
        assert CollectionPage.objects.live().filter(locale=locale).count() == 2
        assert StoryPage.objects.live().filter(locale=locale).count() == 2
        assert StoryIndexPage.objects.live().filter(locale=locale).count() == 1
        # about, FAQ and the legal pages: terms, withdrawal, shipping, imprint, privacy
        assert StandardPage.objects.live().filter(locale=locale).count() == 7
    home_en, home_de = client.get("/").content.decode(), client.get("/de/").content.decode()
    assert "Summer picks" in home_en and "Mountain Dawn T-Shirt" in home_en
    assert "Sommer-Auswahl" in home_de and "Ausgewählte Kollektionen" in home_de
    assert "Über Commonmade" in client.get("/de/about/").content.decode()
    for page in CollectionPage.objects.live():
        assert client.get(page.url).status_code == 200
    for page in StoryPage.objects.live():
        assert client.get(page.url).status_code == 200


def test_video_player_loads_only_after_the_visitor_asks_for_it(client):
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    url = "https://www.youtube.com/watch?v=demo123"
    player = '<iframe src="https://www.youtube-nocookie.com/embed/demo123" title="Demo video"></iframe>'
    Embed.objects.create(url=url, hash=get_embed_hash(url, None, None), type="video", html=player)
    story = _story(story_index(), body=[("video", {"video": url, "caption": "The studio"})])

    html = client.get(story.url).content.decode()
    assert f'href="{url}"' in html and "data-video-load" in html and "The studio" in html
    before_template, template_and_after = html.split("<template>", 1)
    assert "<iframe" not in before_template
    assert "<iframe" in template_and_after.split("</template>", 1)[0]
    assert "js/editorial.js" in html
