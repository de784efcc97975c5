"""The comment thread is rendered once for everyone and cached (core/fragcache.py); each viewer's own
marks (likes, flags, edit links, reply controls, the CSRF field) are filled in per request and never
reach another viewer. A change to the thread shows on the next render."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.test import Client
from django_comments_xtd.models import XtdComment

from community import services
from community.models import FlagReason
from tests.community.conftest import with_trust
from tests.factories.accounts import UserFactory
from tests.factories.voting import VoterFactory
from voting import services as voting_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 0  # the members' case: pages rendered, fragments cached


@pytest.fixture
def other(db):
    return with_trust(UserFactory(handle="olga-other"), 1)


@pytest.fixture
def thread(member, other, maker, design):
    """Member A (`member`) likes the maker's comment, flags Olga's and wrote one of their own."""
    by_maker = services.comment_post(author=maker, target=design, text="Thanks for looking")
    by_other = services.comment_post(author=other, target=design, text="Olga was here")
    by_member = services.comment_post(author=member, target=design, text="Sam's own words")
    services.comment_like_toggle(comment=by_maker, user=member)
    services.flag_create(flagger=member, target=by_other, reason=FlagReason.SPAM)
    return by_maker, by_other, by_member


def page(user, design) -> BeautifulSoup:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(design.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def marks(soup: BeautifulSoup, comment: XtdComment) -> dict:
    box = soup.select_one(f"#c{comment.pk}")
    button = box.select_one("form[data-fetch=like] button")
    return {
        "pressed": button["aria-pressed"],
        "like_disabled": button.has_attr("disabled"),
        "csrf": box.select_one("form[data-fetch=like] input[name=csrfmiddlewaretoken]") is not None,
        "edit": box.select_one(f'a[href="/comments/{comment.pk}/edit/"]') is not None,
        "reply": box.select_one(f'details[data-reply-to="{comment.pk}"]') is not None,
        "flag": box.select_one("details.comment__flag") is not None,
        "flagged": box.select_one(".comment__flagged") is not None,
    }


def no_markers_left(soup: BeautifulSoup) -> None:
    assert not re.search(r"<!--[@?/]", str(soup)), "every marker of the shared thread is filled in"


@pytest.mark.parametrize("first", ["member", "other", "anonymous"])
def test_a_members_marks_never_reach_another_member_or_a_visitor(first, member, other, design, thread):
    by_maker, by_other, by_member = thread
    viewers = {"member": member, "other": other, "anonymous": None}
    order = [first, *(name for name in viewers if name != first)]
    seen = {name: page(viewers[name], design) for name in order}  # the first one fills the cache
    for soup in seen.values():
        no_markers_left(soup)

    mine = seen["member"]
    assert marks(mine, by_maker) == {
        "pressed": "true",
        "like_disabled": False,
        "csrf": True,
        "edit": False,
        "reply": True,
        "flag": True,
        "flagged": False,
    }
    assert marks(mine, by_other) == {
        "pressed": "false",
        "like_disabled": False,
        "csrf": True,
        "edit": False,
        "reply": True,
        "flag": False,
        "flagged": True,
    }
    assert marks(mine, by_member) == {
        "pressed": "false",
        "like_disabled": True,
        "csrf": True,
        "edit": True,
        "reply": True,
        "flag": False,
        "flagged": False,
    }

    theirs = seen["other"]
    assert marks(theirs, by_maker) == {
        "pressed": "false",
        "like_disabled": False,
        "csrf": True,
        "edit": False,
        "reply": True,
        "flag": True,
        "flagged": False,
    }
    assert marks(theirs, by_other) == {
        "pressed": "false",
        "like_disabled": True,
        "csrf": True,
        "edit": True,
        "reply": True,
        "flag": False,
        "flagged": False,
    }
    assert marks(theirs, by_member) == {
        "pressed": "false",
        "like_disabled": False,
        "csrf": True,
        "edit": False,
        "reply": True,
        "flag": True,
        "flagged": False,
    }

    anonymous = seen["anonymous"]
    for comment in thread:
        assert marks(anonymous, comment) == {
            "pressed": "false",
            "like_disabled": True,
            "csrf": False,
            "edit": False,
            "reply": False,
            "flag": False,
            "flagged": False,
        }
    assert "You flagged this" not in str(anonymous) and "You flagged this" not in str(theirs)
    # Each member's page carries their own CSRF token, never the one of whoever filled the cache.
    token = mine.select_one("form[data-fetch=like] input[name=csrfmiddlewaretoken]")["value"]
    assert token not in str(theirs) and token not in str(anonymous)


def test_the_thread_is_served_from_the_cache(member, other, design, thread):
    page(other, design)
    keys = [key for key in cache._cache if ":frag:comments:" in key]  # noqa: SLF001 (local-memory cache in tests)
    assert keys, "the thread was stored"
    html = cache.get(keys[0].split(":", 2)[2])["html"]
    # The shared HTML holds nobody's marks, only the places for them.
    assert "csrfmiddlewaretoken" not in html and 'aria-pressed="true"' not in html
    assert "<!--@like:" in html and "<!--?edit:" in html


def test_changes_show_on_the_next_render(member, other, maker, design, thread):
    by_maker, by_other, by_member = thread
    before = page(other, design)
    assert "3 comments" in before.get_text()

    reply = services.comment_post(author=maker, target=design, text="A brand new reply", parent=by_member)
    soup = page(other, design)
    assert soup.select_one(f"#c{reply.pk}") is not None and "A brand new reply" in soup.get_text()

    services.comment_edit(comment=by_other, editor=other, text="Olga changed her mind")
    soup = page(member, design)
    assert "Olga changed her mind" in soup.get_text() and "Olga was here" not in soup.get_text()

    services.comment_like_toggle(comment=by_maker, user=other)
    soup = page(None, design)
    assert soup.select_one(f"#c{by_maker.pk} [data-count]").get_text() == "2"

    moderator = UserFactory(handle="mo-moderator")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_content"))
    services.moderation_remove_object(obj=by_member, moderator=moderator, reason="Off topic")
    soup = page(other, design)
    box = soup.select_one(f"#c{by_member.pk}")
    assert "Removed by the moderators" in box.get_text() and "Sam's own words" not in soup.get_text()


def test_a_vote_shows_on_the_next_render_of_the_design_page_and_the_list(client, member, design):
    client.force_login(member)
    client.get(design.get_absolute_url())
    list_before = client.get("/designs/").content.decode()
    assert "No votes yet" in list_before or "0 votes" in list_before
    voting_services.vote_cast(voter=VoterFactory(), design=design, score=5)
    assert "1 vote" in client.get("/designs/").content.decode()
    soup = BeautifulSoup(client.get(design.get_absolute_url()).content, "html.parser")
    assert soup.select_one("[data-votes]").get_text() == "1"
