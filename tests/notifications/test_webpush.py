"""Web Push: the subscription endpoint (what a browser posts) and the payload the site sends.

The push service is a real HTTP server on the loopback standing in for the browser vendor's one; the
site encrypts with pywebpush (RFC 8291, aes128gcm) and signs with VAPID, and the test decrypts what
arrived with the browser's private key, as the browser would. Nothing is patched.
"""

from __future__ import annotations

import base64
import json
from http.server import BaseHTTPRequestHandler

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02

from community.models import Follow
from notifications.models import Notification, PushSubscription
from notifications.services import notify
from tests.factories.accounts import UserFactory
from tests.security.live import http_server

pytestmark = pytest.mark.django_db


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.fixture
def vapid(settings):
    key = Vapid02()
    key.generate_keys()
    public = key.public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    private = key.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.WEBPUSH_VAPID_PUBLIC_KEY = b64(public)
    settings.WEBPUSH_VAPID_PRIVATE_KEY = b64(private)
    settings.WEBPUSH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.WEBPUSH_ALLOW_HTTP = True
    return settings


class PushService:
    """Records each POST; answers with `status` (201 accepted, 410 gone)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 201
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                service.requests.append(
                    {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
                )
                self.send_response(service.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.handler = Handler
        self.url = ""


@pytest.fixture
def push_service():
    service = PushService()
    with http_server(service.handler) as service.url:
        yield service


def browser_keys():
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    auth = b"0123456789abcdef"
    return private, {"p256dh": b64(public), "auth": b64(auth)}, auth


def test_push_is_hidden_without_vapid_keys(client, settings):
    settings.WEBPUSH_VAPID_PUBLIC_KEY = settings.WEBPUSH_VAPID_PRIVATE_KEY = ""
    client.force_login(UserFactory())
    assert "Allow push notifications" not in client.get("/account/notifications/").content.decode()
    answer = client.post("/account/notifications/push/subscribe/", "{}", content_type="application/json")
    assert answer.status_code == 404


def test_subscription_endpoint_checks_what_the_browser_sends(client, vapid, push_service):
    member = UserFactory()
    client.force_login(member)
    assert "Allow push notifications" in client.get("/account/notifications/").content.decode()
    _private, keys, _auth = browser_keys()
    url = "/account/notifications/push/subscribe/"
    bad = [
        "not json",
        json.dumps([1, 2]),
        json.dumps({"endpoint": "https://evil.example/push", "keys": keys}),  # not a known push service
        json.dumps({"endpoint": "http://169.254.169.254/latest", "keys": keys}),
        json.dumps({"endpoint": push_service.url + "/p/1", "keys": {"p256dh": "short", "auth": keys["auth"]}}),
        json.dumps({"endpoint": push_service.url + "/p/1", "keys": {"p256dh": keys["p256dh"]}}),
    ]
    for body in bad:
        answer = client.post(url, body, content_type="application/json")
        assert answer.status_code == 400, body
    assert not PushSubscription.objects.exists()
    answer = client.post(
        url, json.dumps({"endpoint": push_service.url + "/p/1", "keys": keys}), content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json() == {"ok": True}
    assert PushSubscription.objects.get().user == member
    # CSRF applies: a page of another site cannot subscribe a member.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(url, "{}", content_type="application/json").status_code == 403
    answer = client.post(
        "/account/notifications/push/unsubscribe/",
        json.dumps({"endpoint": push_service.url + "/p/1"}),
        content_type="application/json",
    )
    assert answer.json()["removed"] == 1


def test_a_live_reminder_is_pushed_encrypted_and_signed(vapid, push_service, django_capture_on_commit_callbacks):
    maker, fan = UserFactory(handle="mira"), UserFactory()
    Follow.objects.create(follower=fan, maker=maker)
    private, keys, auth = browser_keys()
    PushSubscription.objects.create(
        user=fan, endpoint=push_service.url + "/p/fan", p256dh=keys["p256dh"], auth=keys["auth"]
    )

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=fan, kind="followed_maker", title="Not pushed", url="/x/")
    assert push_service.requests == []  # only the live drop kinds are pushed

    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(recipient=fan, kind="live_started", title="Mira is live now: Waves", url="/live/waves/")
    assert len(push_service.requests) == 1
    sent = push_service.requests[0]
    assert sent["path"] == "/p/fan"
    assert sent["headers"]["content-encoding"] == "aes128gcm"
    assert sent["headers"]["authorization"].startswith("vapid t=")
    assert int(sent["headers"]["ttl"]) == vapid.WEBPUSH_TTL_SECONDS
    payload = json.loads(http_ece.decrypt(sent["body"], private_key=private, auth_secret=auth, version="aes128gcm"))
    assert payload == {
        "title": "Mira is live now: Waves",
        "body": "",
        "url": f"{vapid.SITE_URL}/live/waves/",
        "tag": f"live_started-{notification.pk}",
    }


def test_a_subscription_the_push_service_says_is_gone_is_dropped(
    vapid, push_service, django_capture_on_commit_callbacks
):
    fan = UserFactory()
    _private, keys, _auth = browser_keys()
    PushSubscription.objects.create(
        user=fan, endpoint=push_service.url + "/p/old", p256dh=keys["p256dh"], auth=keys["auth"]
    )
    push_service.status = 410
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=fan, kind="live_reminder", title="Soon")
    assert len(push_service.requests) == 1
    assert not PushSubscription.objects.exists()
    assert Notification.objects.filter(recipient=fan).count() == 1


def test_an_unreachable_push_service_does_not_fail_the_notification(vapid, django_capture_on_commit_callbacks):
    from tests.security.live import closed_port

    fan = UserFactory()
    _private, keys, _auth = browser_keys()
    PushSubscription.objects.create(
        user=fan, endpoint=f"http://127.0.0.1:{closed_port()}/p/x", p256dh=keys["p256dh"], auth=keys["auth"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=fan, kind="live_reminder", title="Soon")
    assert PushSubscription.objects.count() == 1
