from bs4 import BeautifulSoup
from django.test import override_settings

from accounts.models import Profile, User
from community import services
from tests.factories.community import UserFactory
from tests.factories.designs import make_design


def test_public_profile_shows_comments_designs_and_trust_level(client, member, maker, design):
    services.comment_post(author=member, target=design, text="A *thoughtful* comment")
    make_design(maker=member, title="Sam's Draft", state="draft")
    make_design(maker=member, title="Sam's Public Poster")
    page = client.get(f"/members/{member.handle}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Trust level 1" in html
    assert "<em>thoughtful</em>" in html and "Night Owl" in html
    assert "Sam&#x27;s Public Poster" in html and "Draft" not in html
    assert member.email not in html


def test_profile_handle_lookup_is_case_insensitive_and_unknown_is_404(client, member):
    assert client.get("/members/SAM-MEMBER/").status_code == 301
    assert client.get("/members/nobody-here/").status_code == 404


def test_profile_page_queries_do_not_grow_with_comments(client, member, design, django_assert_max_num_queries):
    for i in range(8):
        services.comment_post(author=member, target=design, text=f"comment {i}")
    with django_assert_max_num_queries(10):
        client.get(f"/members/{member.handle}/")


def test_new_members_cannot_put_links_in_their_bio(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/account/profile/", {"bio": "see https://spam.example", "website": ""})
    assert response.status_code == 200
    assert "cannot post links" in response.content.decode()
    assert Profile.objects.get(user=user).bio == ""


@override_settings(SIGNUPS_PER_IP_PER_DAY=2)
def test_at_most_a_few_new_accounts_per_ip_address_per_day(client, db):
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


def test_badge_html_is_in_the_header(client, member):
    from notifications.services import notify

    notify(recipient=member, kind="other", title="x", send_email=False)
    client.force_login(member)
    soup = BeautifulSoup(client.get(f"/members/{member.handle}/").content, "html.parser")
    assert soup.select_one(".account-menu [data-unread-count]") is not None
