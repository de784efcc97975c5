import re

from django.core import mail

from accounts.models import User


def test_signup_sends_verification_email_and_verified_member_logs_in(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new.member@example.org",
            "username": "new-member",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.member@example.org")
    assert user.handle == "new-member"

    # Not verified yet: login is held back until the email is confirmed.
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "new.member@example.org", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session

    assert len(mail.outbox) >= 1
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    confirm_page = client.get(path)
    assert confirm_page.status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified is True

    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "new.member@example.org", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_signup_refuses_taken_or_malformed_handle(client, db):
    User.objects.create_user(email="first@example.org", handle="taken", password="x-long-password-1")
    for handle, message in [("Taken", "already"), ("a b", "handle"), ("admin", "reserved")]:
        response = client.post(
            "/accounts/signup/",
            {
                "email": f"{abs(hash(handle))}@example.org",
                "username": handle,
                "password1": "correct horse battery staple",
                "password2": "correct horse battery staple",
            },
        )
        assert response.status_code == 200, handle
        assert message in response.content.decode().lower(), handle
    assert User.objects.count() == 1


def test_email_is_the_login_and_case_insensitive(db):
    User.objects.create_user(email="Case@Example.org", handle="case", password="x-long-password-1")
    assert User.objects.get_by_natural_key("case@example.org").handle == "case"
