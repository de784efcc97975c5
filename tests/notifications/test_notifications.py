from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command

from notifications import services
from notifications.models import Notification
from notifications.services import notify, unsubscribe_token


def test_notify_keeps_its_signature_and_emails_immediately_by_default(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(recipient=member, kind="design_approved", title="Approved", body="Yay", url="/x/")
    assert notification.email_state == "sent"
    assert len(mail.outbox) == 1
    assert "/notifications/unsubscribe/" in mail.outbox[0].body


def test_digest_preference_collects_emails_into_one_daily_message(member, django_capture_on_commit_callbacks):
    services.notification_preferences_set(user=member, choices={"design": "digest", "comment": "off"})
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=member, kind="design_approved", title="First")
        notify(recipient=member, kind="design_rejected", title="Second")
        off = notify(recipient=member, kind="comment", title="No email")
    assert mail.outbox == []
    assert off.email_state == "none"
    call_command("send_notification_digest")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "First" in body and "Second" in body and "No email" not in body
    call_command("send_notification_digest")  # nothing twice
    assert len(mail.outbox) == 1


def test_daily_digest_celery_task_runs(member):
    from notifications.tasks import send_daily_digests

    services.notification_preferences_set(user=member, choices={"design": "digest"})
    notify(recipient=member, kind="design_approved", title="Queued")
    assert send_daily_digests.delay().get() == 1


def test_preferences_page_saves_choices(client, member):
    client.force_login(member)
    page = client.get("/account/notifications/")
    assert page.status_code == 200
    data = dict.fromkeys(page.context["form"].fields, "immediately")
    data["followed_maker"] = "off"
    assert client.post("/account/notifications/", data).status_code == 302
    assert member.notification_preferences.get(kind="followed_maker").delivery == "off"


def test_unsubscribe_link_works_without_login_and_needs_a_valid_token(client, member):
    token = unsubscribe_token(user=member, group="comment_reply")
    page = client.get(f"/notifications/unsubscribe/{token}/")
    assert page.status_code == 200
    assert not member.notification_preferences.exists()  # a GET (e.g. a mail scanner) changes nothing
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 200
    assert member.notification_preferences.get(kind="comment_reply").delivery == "off"
    assert client.post(f"/notifications/unsubscribe/{token[:-2]}xx/").status_code == 400
    everything = unsubscribe_token(user=member, group="all")
    client.post(f"/notifications/unsubscribe/{everything}/")
    assert set(member.notification_preferences.values_list("delivery", flat=True)) == {"off"}


def test_unread_count_in_header_list_and_mark_as_read(client, member):
    for i in range(3):
        notify(recipient=member, kind="other", title=f"N{i}", send_email=False)
    client.force_login(member)
    page = client.get("/account/notifications/list/")
    badge = BeautifulSoup(page.content, "html.parser").select_one("[data-unread-count]")
    assert badge.get_text(" ", strip=True).startswith("3")
    first = Notification.objects.filter(recipient=member).first()
    client.post("/account/notifications/read/", {"id": first.pk})
    assert Notification.objects.filter(recipient=member, read_at__isnull=True).count() == 2
    client.post("/account/notifications/read/")
    page = client.get("/account/notifications/list/")
    assert BeautifulSoup(page.content, "html.parser").select_one("[data-unread-count]") is None


def test_members_only_see_their_own_notifications(client, member, maker):
    theirs = notify(recipient=maker, kind="other", title="Private", send_email=False)
    client.force_login(member)
    assert client.get(f"/account/notifications/{theirs.pk}/open/").status_code == 404
    client.post("/account/notifications/read/", {"id": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_badge_html_is_in_the_header(client, member):
    notify(recipient=member, kind="other", title="x", send_email=False)
    client.force_login(member)
    soup = BeautifulSoup(client.get(f"/members/{member.handle}/").content, "html.parser")
    assert soup.select_one(".account-menu [data-unread-count]") is not None
