"""Every outside dependency cut for real: a closed port or a stopped server, no patched client.

Elasticsearch, the Celery broker, the mail server and the object store (moto's server mode, an
S3 imitation over HTTP). Redis has its own module (test_faults_redis.py, test_faults_inprocess.py),
Stripe too (tests/shop/test_payment_failures.py, test_webhook_order.py here).
"""

from __future__ import annotations

import pytest
from django.core import mail

from core.mail import send_queued_emails
from core.models import QueuedEmail
from designs.models import Design
from search.models import SearchEntry
from tests.factories import images as img
from tests.factories.accounts import UserFactory
from tests.factories.designs import category, make_design
from tests.security import live

pytestmark = [pytest.mark.security_category("faults"), pytest.mark.django_db]


# --- Elasticsearch ---------------------------------------------------------------------------


@pytest.fixture
def elasticsearch_down(settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{live.closed_port()}"
    settings.SEARCH_ES_TIMEOUT = 1.0
    return settings.ELASTICSEARCH_URL


def test_search_answers_from_the_database_with_a_message_when_elasticsearch_is_down(
    client, elasticsearch_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        design = make_design(title="Midnight heron")
    assert SearchEntry.objects.filter(object_id=design.pk).exists()  # the database index took the change
    page = client.get("/search/", {"q": "heron"})
    assert page.status_code == 200
    text = page.content.decode()
    assert f'href="/designs/{design.slug}/"' in text and "1 result" in text
    assert "simpler mode" in text
    assert client.get("/search/suggest", {"q": "her"}).status_code == 200


def test_a_maker_saves_a_design_while_elasticsearch_is_down(client, elasticsearch_down):
    maker = UserFactory()
    client.force_login(maker)
    form = {
        "title": "Heron at dawn",
        "description": "Grey on grey.",
        "category": category("apparel").pk,
        "tags": "heron",
        "rights_confirmed": "on",
        "images": img.upload(img.image_bytes()),
    }
    answer = client.post("/designs/submit/", form)
    assert answer.status_code == 302
    assert Design.objects.filter(title="Heron at dawn").exists()


# --- the Celery broker -----------------------------------------------------------------------


def test_actions_that_enqueue_tasks_still_answer_and_the_work_is_done_inline(
    client, broker_down, django_capture_on_commit_callbacks
):
    """Approving a design enqueues its search indexing; with no broker the task runs in the request."""
    from django.contrib.auth.models import Group

    from tests.factories.designs import DesignFactory

    design = DesignFactory(state="submitted", approved_at=None, voting_starts_at=None, voting_ends_at=None)
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/admin/designs/review/approve/{design.pk}/")
    assert answer.status_code == 302
    assert any("running task search.index_objects inline" in message for message in broker_down), broker_down
    assert SearchEntry.objects.filter(kind="design", object_id=design.pk).exists()


# --- the mail server -------------------------------------------------------------------------


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "core.mail.QueueingEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = live.closed_port()
    settings.EMAIL_TIMEOUT = 2
    return settings


def test_signup_with_the_mail_server_down_answers_and_the_email_waits(client, smtp_down):
    answer = client.post(
        "/accounts/signup/",
        {
            "email": "newcomer@example.org",
            "username": "newcomer",
            "password1": "a-long-new-password-9",
            "password2": "a-long-new-password-9",
        },
    )
    assert answer.status_code == 302
    queued = QueuedEmail.objects.get()
    assert queued.to == ["newcomer@example.org"]
    assert "newcomer" in queued.body or "confirm" in queued.body.lower()


def test_an_order_confirmation_and_a_notification_wait_for_the_mail_server(
    smtp_down, django_capture_on_commit_callbacks
):
    from notifications.services import notify
    from shop.cart import MemberCart
    from shop.services.checkout import order_create
    from shop.services.orders import order_mark_paid
    from tests.factories.shop import make_product

    member = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=member, kind="comment", title="Someone commented on your design")
    # No Stripe needed: the order is marked paid directly, as the webhook would.
    buyer = UserFactory()
    cart = MemberCart(buyer)
    cart.set(make_product().variants.get().pk, 1)
    order = order_create(user=buyer, cart=cart)
    with django_capture_on_commit_callbacks(execute=True):
        order_mark_paid(order_id=order.pk)
    subjects = list(QueuedEmail.objects.values_list("subject", flat=True))
    assert any(order.number in subject for subject in subjects), subjects
    assert any("commented" in subject for subject in subjects), subjects

    # The server is back (here: the in-memory mailbox): the queue is delivered, nothing was lost.
    smtp_down.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sent, waiting = send_queued_emails()
    assert (sent, waiting) == (len(subjects), 0)
    assert sorted(m.subject for m in mail.outbox) == sorted(subjects)


def test_a_comment_with_the_mail_server_down_answers_and_the_makers_email_waits(
    client, smtp_down, django_capture_on_commit_callbacks
):
    from community.services import comment_post
    from tests.factories.voting import VoterFactory

    maker = VoterFactory()
    design = make_design(maker=maker)
    member = VoterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_post(author=member, target=design, text="Lovely!")
    assert comment.pk
    assert QueuedEmail.objects.filter(to=[maker.email]).exists()


# --- object storage --------------------------------------------------------------------------


@pytest.fixture
def moto_server():
    server = live.MotoServer()
    yield server
    server.kill()


def test_upload_page_answers_with_a_message_when_the_object_store_is_stopped(client, settings, moto_server):
    moto_server.use_private_bucket(settings)
    maker = UserFactory()
    client.force_login(maker)
    form = {
        "title": "Stored otter",
        "description": "Wet.",
        "category": category("apparel").pk,
        "tags": "otter",
        "rights_confirmed": "on",
        "save_draft": "1",
    }
    assert client.post("/designs/submit/", {**form, "images": img.upload(img.image_bytes())}).status_code == 302

    moto_server.kill()  # the port is closed now
    answer = client.post("/designs/submit/", {**form, "title": "Lost otter", "images": img.upload(img.image_bytes())})
    assert answer.status_code == 503
    assert "file store does not answer" in answer.content.decode()
    assert not Design.objects.filter(title="Lost otter").exists()
    assert client.get("/designs/submit/").status_code == 200
