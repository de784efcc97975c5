from django.core.management import call_command

from accounts.models import User
from community.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


def test_home_page_exists_after_migrate(client, db):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Commonmade" in html
    assert '<html lang="en">' in html


def test_admin_redirects_to_wagtail_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_signup_page_uses_the_site_layout(client, db):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "csrfmiddlewaretoken" in html


def test_german_lives_under_de(client, db):
    response = client.get("/de/")
    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()


def test_language_switch_sets_the_language(client, db):
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/de/designs/"})
    assert response.status_code == 302
    assert response["Location"] == "/de/designs/"
    assert response.cookies["django_language"].value == "de"
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/", "no open redirect"


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, db):
    german = client.get("/de/accounts/signup/").content.decode()
    assert 'name="next" value="/accounts/signup/"' in german
    english = client.get("/accounts/signup/").content.decode()
    assert 'name="next" value="/de/accounts/signup/"' in english


def test_seed_demo_is_idempotent_and_demo_accounts_log_in(client, db):
    call_command("seed_demo", "--no-progress", "--force", verbosity=0)
    call_command("seed_demo", "--no-progress", "--force", verbosity=0)
    assert User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS]).count() == len(DEMO_ACCOUNTS)
    for account in DEMO_ACCOUNTS:
        client.logout()
        response = client.post("/accounts/login/", {"login": account.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, account.email
        assert client.session.get("_auth_user_id"), account.email
    admin = User.objects.get(email="admin@example.com")
    editor = User.objects.get(email="editor@example.com")
    assert admin.is_superuser
    assert not editor.is_superuser and editor.has_perm("wagtailadmin.access_admin")
    maker = User.objects.get(email="maker@example.com")
    assert not maker.has_perm("wagtailadmin.access_admin")
    for slug in ("about", "imprint", "privacy"):
        assert client.get(f"/{slug}/").status_code == 200
