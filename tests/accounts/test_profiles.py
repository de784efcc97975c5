from accounts import rules as account_rules
from accounts.models import Profile, User
from tests.factories.accounts import UserFactory


def test_new_members_cannot_put_links_in_their_bio(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/account/profile/", {"bio": "see https://spam.example", "website": ""})
    assert response.status_code == 200
    assert "cannot post links" in response.content.decode()
    assert Profile.objects.get(user=user).bio == ""


def test_at_most_a_few_new_accounts_per_ip_address_per_day(client, db, monkeypatch):
    monkeypatch.setattr(account_rules, "SIGNUPS_PER_IP_PER_DAY", 2)

    def signup(n):
        return client.post(
            "/accounts/signup/",
            {
                "email": f"sock{n}@example.org",
                "username": f"sock-{n}",
                "password1": "correct horse battery staple",
                "password2": "correct horse battery staple",
            },
            REMOTE_ADDR="203.0.113.7",
        )

    assert signup(1).status_code == 302
    client.logout()
    assert signup(2).status_code == 302
    client.logout()
    refused = signup(3)
    assert refused.status_code == 429
    assert "Too many new accounts" in refused.content.decode()
    assert User.objects.filter(email__startswith="sock").count() == 2
    other = client.post(
        "/accounts/signup/",
        {
            "email": "elsewhere@example.org",
            "username": "elsewhere",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
        },
        REMOTE_ADDR="198.51.100.9",
    )
    assert other.status_code == 302
