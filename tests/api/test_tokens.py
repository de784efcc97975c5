"""Personal access tokens: made and revoked on the account page, stored only as a hash."""

import hashlib

import pytest

from api.models import PersonalAccessToken

pytestmark = pytest.mark.django_db


def test_make_use_and_revoke_a_token(client, member):
    client.force_login(member)
    page = client.get("/account/")
    assert "/account/tokens/" in page.content.decode()
    made = client.post("/account/tokens/", {"name": "Phone app"})
    assert made.status_code == 200 and made["Cache-Control"] == "no-store"
    raw = made.context["new_token"]
    assert raw.startswith("cm_pat_") and raw in made.content.decode()
    stored = PersonalAccessToken.objects.get(user=member)
    assert stored.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in stored.prefix and raw not in stored.token_hash

    client.logout()
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 200 and me.json()["handle"] == member.handle
    stored.refresh_from_db()
    assert stored.last_used_at is not None

    client.force_login(member)
    listing = client.get("/account/tokens/").content.decode()
    assert "Phone app" in listing and raw not in listing  # shown once only
    assert client.post(f"/account/tokens/{stored.pk}/revoke/").status_code == 302
    client.logout()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_a_member_cannot_revoke_someone_elses_token(client, member, token):
    from tests.factories.voting import VoterFactory

    other = VoterFactory()
    client.force_login(other)
    record = PersonalAccessToken.objects.get(user=member)
    client.post(f"/account/tokens/{record.pk}/revoke/")
    record.refresh_from_db()
    assert record.revoked_at is None


def test_token_needs_a_name_and_page_needs_login(client, member):
    assert client.get("/account/tokens/").status_code == 302
    client.force_login(member)
    assert client.post("/account/tokens/", {"name": ""}).status_code == 400
    assert not PersonalAccessToken.objects.exists()


def test_inactive_members_tokens_stop_working(client, member, token):
    member.is_active = False
    member.save()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
