from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from accounts.models import Profile
from community import rules as community_rules
from community import selectors, services
from notifications.models import Notification
from tests.community.conftest import with_trust
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design


def post(client, design, text, parent=None, followup=False, json=False):
    data = {"target": selectors.sign_target(design), "comment": text}
    if parent:
        data["parent"] = parent.pk
    if followup:
        data["followup"] = "on"
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post("/comments/post/", data, **headers)


def test_verified_member_comments_and_it_is_in_the_server_rendered_html(client, member, design, render_comments):
    client.force_login(member)
    response = post(client, design, "Love the **colours**!")
    assert response.status_code == 302
    comment = XtdComment.objects.get()
    assert response["Location"].endswith(f"#c{comment.pk}")
    html = render_comments(design)  # anonymous visitor, e.g. a search engine
    soup = BeautifulSoup(html, "html.parser")
    body = soup.select_one(f"#c{comment.pk} .comment__body")
    assert body is not None and "<strong>colours</strong>" in str(body)
    assert "1 comment" in html


def test_unverified_and_anonymous_members_cannot_comment(client, design):
    unverified = UserFactory(verified=False)
    client.force_login(unverified)
    response = post(client, design, "hello")
    assert response.status_code == 403
    assert "verify your email" in response.content.decode()
    client.logout()
    assert post(client, design, "hello").status_code == 403
    assert XtdComment.objects.count() == 0


def test_forged_target_is_refused(client, member):
    client.force_login(member)
    response = client.post("/comments/post/", {"target": "12:1", "comment": "x"})
    assert response.status_code == 400
    assert XtdComment.objects.count() == 0


def test_threads_are_three_levels_deep(member, maker, design):
    root = services.comment_post(author=member, target=design, text="level 0")
    reply = services.comment_post(author=maker, target=design, text="level 1", parent=root)
    deeper = services.comment_post(author=member, target=design, text="level 2", parent=reply)
    assert (root.level, reply.level, deeper.level) == (0, 1, 2)
    with pytest.raises(ValidationError):
        services.comment_post(author=maker, target=design, text="level 3", parent=deeper)
    assert XtdComment.objects.count() == 3


def test_reply_to_a_comment_on_another_object_is_refused(member, maker, design):
    other = make_design(maker=maker)
    root = services.comment_post(author=member, target=other, text="elsewhere")
    with pytest.raises(ValidationError):
        services.comment_post(author=maker, target=design, text="wrong place", parent=root)


def test_maker_reply_has_the_maker_badge_and_others_do_not(member, maker, design, render_comments):
    root = services.comment_post(author=member, target=design, text="Question?")
    reply = services.comment_post(author=maker, target=design, text="Answer!", parent=root)
    soup = BeautifulSoup(render_comments(design), "html.parser")
    maker_item = soup.select_one(f"#c{reply.pk}")
    assert "comment--maker" in maker_item["class"]
    assert maker_item.select_one(".comment__meta .badge").get_text(strip=True) == "Maker"
    assert soup.select_one(f"#c{root.pk} > article .comment__meta .badge") is None
    # The reply is nested inside its parent.
    assert soup.select_one(f"#c{root.pk} > ol.comment-list > #c{reply.pk}") is not None


def test_follow_up_email_only_when_opted_in(member, maker, design, django_capture_on_commit_callbacks):
    other = with_trust(UserFactory(), 1)
    with django_capture_on_commit_callbacks(execute=True):
        root = services.comment_post(author=member, target=design, text="Ping me", followup=True)
        services.comment_post(author=other, target=design, text="No email for me", followup=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_post(author=maker, target=design, text="Thanks both", parent=root)
    recipients = {message.to[0] for message in mail.outbox}
    assert member.email in recipients
    assert other.email not in recipients
    assert Notification.objects.filter(recipient=member, kind="comment_reply").exists()
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert "/notifications/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")


def test_direct_reply_notifies_on_site_without_email_when_not_opted_in(member, maker, design):
    root = services.comment_post(author=member, target=design, text="No follow-up")
    services.comment_post(author=maker, target=design, text="Reply", parent=root)
    notification = Notification.objects.get(recipient=member, kind="comment_reply")
    assert notification.email_state == "none"


def test_the_maker_hears_about_new_comments(member, maker, design):
    services.comment_post(author=member, target=design, text="Nice")
    assert Notification.objects.filter(recipient=maker, kind="comment").count() == 1


def test_editing_allowed_for_fifteen_minutes_by_the_author_only(client, member, maker, design):
    comment = services.comment_post(author=member, target=design, text="typo")
    client.force_login(maker)
    assert client.post(f"/comments/{comment.pk}/edit/", {"comment": "hacked"}).status_code == 403
    client.force_login(member)
    response = client.post(f"/comments/{comment.pk}/edit/", {"comment": "fixed"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.comment == "fixed"
    XtdComment.objects.filter(pk=comment.pk).update(submit_date=timezone.now() - timedelta(minutes=16))
    response = client.post(f"/comments/{comment.pk}/edit/", {"comment": "too late"})
    assert response.status_code == 403
    assert "15 minutes" in response.content.decode()
    comment.refresh_from_db()
    assert comment.comment == "fixed"


def test_likes_toggle_once_per_member_and_not_on_own_comment(client, member, maker, design):
    comment = services.comment_post(author=maker, target=design, text="Like me")
    client.force_login(member)
    data = client.post(f"/comments/{comment.pk}/like/", HTTP_ACCEPT="application/json").json()
    assert (data["ok"], data["liked"], data["count"]) == (True, True, 1)
    # The answer carries the fresh like button, which the page's one form handler swaps in.
    assert 'aria-pressed="true"' in data["html"] and "<span data-count>1</span>" in data["html"]
    data = client.post(f"/comments/{comment.pk}/like/", HTTP_ACCEPT="application/json").json()
    assert (data["ok"], data["liked"], data["count"]) == (True, False, 0)
    client.force_login(maker)
    response = client.post(f"/comments/{comment.pk}/like/", HTTP_ACCEPT="application/json")
    assert response.status_code == 403


def test_trust_level_zero_cannot_post_links(client, design):
    newcomer = UserFactory()
    assert selectors.trust_level(user=newcomer) == 0
    client.force_login(newcomer)
    response = post(client, design, "cheap stuff at https://spam.example")
    assert response.status_code == 400
    assert "cannot post links" in response.content.decode()
    assert "cheap stuff at https://spam.example" in response.content.decode()  # the text is not lost
    assert post(client, design, "no link here").status_code == 302


def test_comment_rate_limit_answers_429_and_is_tighter_for_new_accounts(client, member, design, monkeypatch):
    monkeypatch.setattr(community_rules, "COMMENT_RATE_LIMIT", 4)
    monkeypatch.setattr(community_rules, "COMMENT_RATE_LIMIT_NEW", 2)
    newcomer = UserFactory()
    client.force_login(newcomer)
    assert [post(client, design, f"n{i}").status_code for i in range(3)] == [302, 302, 429]
    client.force_login(member)
    codes = [post(client, design, f"m{i}", json=True).status_code for i in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    response = post(client, design, "again", json=True)
    assert "too often" in response.json()["error"]
    assert XtdComment.objects.count() == 6


def test_json_post_returns_the_rendered_comment(client, member, design):
    client.force_login(member)
    response = post(client, design, "In place", json=True)
    data = response.json()
    assert data["ok"] is True
    assert f'id="c{data["id"]}"' in data["html"] and "In place" in data["html"]
    assert f'data-reply-to="{data["id"]}"' in data["html"]  # the new comment can be answered at once (forms.js)


def test_suspended_member_cannot_comment(member, design):
    Profile.objects.filter(user=member).update(suspended_until=timezone.now() + timedelta(days=2))
    with pytest.raises(PermissionDenied):
        services.comment_post(author=member, target=design, text="hi")


def test_comment_list_query_count_does_not_grow_with_comments(
    member, maker, design, render_comments, django_assert_num_queries
):
    root = services.comment_post(author=member, target=design, text="first")
    services.comment_post(author=maker, target=design, text="reply", parent=root)
    viewer = with_trust(UserFactory(), 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    render_comments(design, viewer)  # warm the content type cache
    with CaptureQueriesContext(connection) as few:
        render_comments(design, viewer)
    for i in range(6):
        parent = services.comment_post(author=member, target=design, text=f"more {i}")
        services.comment_post(author=maker, target=design, text=f"reply {i}", parent=parent)
    with django_assert_num_queries(len(few.captured_queries)):
        html = render_comments(design, viewer)
    assert html.count('class="comment') >= 14


def test_comments_work_on_any_model_instance(member, maker, render_comments):
    # Any object: here a member profile stands in for a product, challenge or story.
    target = maker.profile
    comment = services.comment_post(author=member, target=target, text="generic")
    tree = selectors.comment_tree(obj=target, viewer=member)
    assert [node.comment.pk for node in tree] == [comment.pk]


def test_reply_and_flag_forms_are_on_the_design_page_once_however_many_comments(client, member, maker, design):
    """A member's design page carries one reply form and one flag form; each comment links to its own."""
    client.force_login(member)

    def forms() -> tuple[int, int]:
        soup = BeautifulSoup(client.get(design.get_absolute_url()).content, "html.parser")
        return len(soup.select("form.comment-form")), len(soup.select("form.flag-form"))

    services.comment_post(author=maker, target=design, text="first")
    few = forms()
    for n in range(6):
        services.comment_post(author=maker, target=design, text=f"more {n}")
    assert forms() == few
    html = client.get(design.get_absolute_url()).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    reply, flag = soup.select_one("template#comment-reply-form"), soup.select_one("template#comment-flag-form")
    assert reply is not None and 'value="__parent__"' in reply.decode_contents()
    assert flag is not None and 'value="__target__"' in flag.decode_contents()
    comment = XtdComment.objects.filter(comment="first").get()
    box = soup.select_one(f"#c{comment.pk}")
    assert box.select_one(f'details[data-reply-to="{comment.pk}"] a')["href"] == f"/comments/{comment.pk}/reply/"
    flag_box = box.select_one("details[data-flag-target]")
    # Signed when the thread was rendered (the thread is cached): the token names this comment.
    assert selectors.target_from_token(flag_box["data-flag-target"]) == comment
    assert flag_box.select_one("a")["href"] == f"/comments/{comment.pk}/flag/"


def test_without_script_a_comment_is_answered_and_flagged_on_pages_of_their_own(client, member, maker, design):
    from community.models import Flag

    comment = services.comment_post(author=maker, target=design, text="Ask me anything")
    assert client.get(f"/comments/{comment.pk}/reply/").status_code == 302  # log in first
    client.force_login(member)
    page = BeautifulSoup(client.get(f"/comments/{comment.pk}/reply/").content, "html.parser")
    assert "Ask me anything" in page.select_one("blockquote").get_text()
    form = page.select_one("form.comment-form")
    data = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    assert data["parent"] == str(comment.pk)
    response = client.post(form["action"], {**data, "comment": "A reply without script"})
    assert response.status_code == 302
    assert XtdComment.objects.get(comment="A reply without script").parent_id == comment.pk

    page = BeautifulSoup(client.get(f"/comments/{comment.pk}/flag/").content, "html.parser")
    form = page.select_one("form.flag-form")
    data = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    assert data["next"] == f"{design.get_absolute_url()}#c{comment.pk}"
    response = client.post(form["action"], {**data, "reason": "spam"})
    assert response.status_code == 302 and response["Location"] == data["next"]
    assert Flag.objects.filter(flagger=member, object_id=comment.pk).exists()


def test_the_pages_of_their_own_refuse_what_the_design_page_would_not_offer(client, member, maker, design):
    comment = services.comment_post(author=maker, target=design, text="Mine")
    client.force_login(maker)
    assert client.get(f"/comments/{comment.pk}/flag/").status_code == 403  # one's own comment
    newcomer = with_trust(UserFactory(), 0)
    client.force_login(newcomer)
    assert client.get(f"/comments/{comment.pk}/flag/").status_code == 403  # trust level 0 cannot flag
    client.force_login(UserFactory(verified=False))
    assert client.get(f"/comments/{comment.pk}/reply/").status_code == 403
    XtdComment.objects.filter(pk=comment.pk).update(is_removed=True)
    client.force_login(member)
    assert client.get(f"/comments/{comment.pk}/reply/").status_code == 404
    assert client.get(f"/comments/{comment.pk}/flag/").status_code == 404
