"""Issue 15: a member's language (profile, switch, sign-up page) for the site, notifications and emails."""

from __future__ import annotations

import re

import pytest
from django.contrib.sites.models import Site
from django.core import mail

from accounts.models import Profile
from community import services
from designs import services as design_services
from notifications import services as notification_services
from notifications.models import Notification
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.editorial import home_page, staff_user

pytestmark = pytest.mark.django_db


def _german(user):
    Profile.objects.filter(user=user).update(language="de")
    return user


def test_notifications_and_emails_are_written_in_the_recipients_language(django_capture_on_commit_callbacks, settings):
    settings.SITE_URL_FROM_ENVIRONMENT = False
    Site.objects.filter(pk=settings.SITE_ID).update(domain="shop.commonmade.example")
    maker = _german(UserFactory(display_name="Theo"))
    english = UserFactory()
    fan = UserFactory(display_name="Sam", handle="sam")
    for user in (maker, english):
        notification_services.notification_preferences_set(user=user, choices={"new_follower": "immediately"})
    with django_capture_on_commit_callbacks(execute=True):
        services.follow(follower=fan, maker=maker)
        services.follow(follower=fan, maker=english)
    assert Notification.objects.get(recipient=maker).title == "Sam folgt dir jetzt"
    assert Notification.objects.get(recipient=english).title == "Sam follows you now"
    german_mail = next(m for m in mail.outbox if maker.email in m.to)
    assert "Benachrichtigungseinstellungen:" in german_mail.body
    # Links point at the site's real address (Sites framework), in the recipient's language.
    assert re.search(r"https?://shop\.commonmade\.example/de/account/notifications/", german_mail.body)
    assert re.search(r"https?://shop\.commonmade\.example/de/members/sam", german_mail.body)
    assert "127.0.0.1:8000" not in german_mail.body
    english_mail = next(m for m in mail.outbox if english.email in m.to).body
    assert re.search(r"https?://shop\.commonmade\.example/members/sam", english_mail)


def test_a_makers_design_news_arrives_in_their_language_even_when_an_english_editor_acts(
    django_capture_on_commit_callbacks,
):
    design = DesignFactory(state="submitted", maker=_german(UserFactory()))
    with django_capture_on_commit_callbacks(execute=True):
        design_services.design_approve(design=design, actor=staff_user("Editors"))
    titles = list(Notification.objects.filter(recipient=design.maker).values_list("title", flat=True))
    assert titles and all("design" not in title.lower() or "Entwurf" in title for title in titles), titles
    assert any("Entwurf" in title for title in titles)


def test_the_profile_form_saves_the_language_and_the_site_follows_it(client):
    home_page()
    member = UserFactory()
    client.force_login(member)
    response = client.post(
        "/account/profile/", {"bio": "", "location": "", "website": "", "instagram": "", "language": "de"}
    )
    assert response.status_code == 302 and response["Location"].startswith("/de/")
    assert Profile.objects.get(user=member).language == "de"
    # English pages now redirect to the German twin for this member.
    redirect = client.get("/designs/")
    assert (redirect.status_code, redirect["Location"]) == (302, "/de/designs/")
    assert client.get("/de/designs/").status_code == 200


def test_the_footer_switch_stores_the_members_language(client):
    home_page()
    member = UserFactory()
    client.force_login(member)
    client.post("/i18n/setlang/", {"language": "de", "next": "/de/designs/"})
    assert Profile.objects.get(user=member).language == "de"


def test_logging_in_on_the_german_page_keeps_german(client):
    home_page()
    member = UserFactory()
    response = client.post("/de/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/de/")


def test_signing_up_on_the_german_pages_chooses_german(client, settings):
    home_page()
    client.post(
        "/de/accounts/signup/",
        {
            "email": "neu@example.org",
            "username": "neu-hier",
            "password1": "a long and fresh password 42",
            "password2": "a long and fresh password 42",
        },
    )
    assert Profile.objects.get(user__email="neu@example.org").language == "de"
