"""Issue 15: a visible way into challenges, explained numbers, and design pages that say what state they are in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from designs.models import DesignState
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory, category
from tests.factories.editorial import home_page
from tests.factories.images import image_bytes, upload
from tests.factories.voting import ChallengeFactory, bulk_votes, spread
from voting import rules as voting_rules
from voting.models import ChallengeEntry
from voting.services import votes_recount

pytestmark = pytest.mark.django_db


def _open_challenge(**fields):
    now = timezone.now()
    defaults = {
        "title": "Bold Type",
        "slug": "bold-type",
        "submission_starts_at": now - timedelta(days=1),
        "submission_ends_at": now + timedelta(days=5),
        "voting_starts_at": now + timedelta(days=6),
        "voting_ends_at": now + timedelta(days=12),
    }
    return ChallengeFactory(**{**defaults, **fields})


def test_the_challenge_page_invites_makers_and_enters_their_design(client):
    challenge = _open_challenge()
    maker = UserFactory()
    draft = DesignFactory(maker=maker, state=DesignState.DRAFT, title="My Letters")
    DesignFactory(maker=maker, state=DesignState.REJECTED, title="Not Enterable")
    html = client.get(challenge.get_absolute_url()).content.decode()
    assert "Submit a design for this challenge" in html and "/designs/submit/?challenge=bold-type" in html
    client.force_login(maker)
    html = client.get(challenge.get_absolute_url()).content.decode()
    assert "My Letters" in html and "Not Enterable" not in html
    response = client.post(reverse("voting:challenge_enter"), {"challenge": "bold-type", "design": draft.pk})
    assert response.status_code == 302
    assert ChallengeEntry.objects.filter(challenge=challenge, design=draft).exists()


def test_nobody_enters_someone_elses_design(client):
    _open_challenge()
    design = DesignFactory(state=DesignState.APPROVED)
    client.force_login(UserFactory())
    client.post(reverse("voting:challenge_enter"), {"challenge": "bold-type", "design": design.pk})
    assert not ChallengeEntry.objects.exists()


@pytest.mark.parametrize("design", ["abc", "1.5", "-1", "", "99999999999999999999"])
def test_a_design_that_does_not_read_is_a_message_not_an_error_page(client, design):
    _open_challenge()
    client.force_login(UserFactory())
    response = client.post(reverse("voting:challenge_enter"), {"challenge": "bold-type", "design": design}, follow=True)
    assert response.status_code == 200
    assert "Please choose one of your designs." in response.content.decode()
    assert not ChallengeEntry.objects.exists()


def test_the_design_page_offers_its_maker_the_open_challenge(client):
    _open_challenge()
    design = DesignFactory(state=DesignState.APPROVED, category=category("poster"))
    client.force_login(design.maker)
    html = client.get(design.get_absolute_url()).content.decode()
    assert "Enter this design into a challenge" in html and 'value="bold-type"' in html
    client.post(
        reverse("voting:challenge_enter"),
        {"challenge": "bold-type", "design": design.pk, "next": design.get_absolute_url()},
    )
    assert ChallengeEntry.objects.filter(design=design).exists()
    assert "Enter this design into a challenge" not in client.get(design.get_absolute_url()).content.decode()


def test_the_submit_form_enters_the_new_design_into_the_chosen_challenge(client):
    challenge = _open_challenge()
    maker = UserFactory()
    client.force_login(maker)
    form = client.get("/designs/submit/?challenge=bold-type").content.decode()
    assert 'name="challenge"' in form and "A challenge is open for entries" in form
    response = client.post(
        "/designs/submit/",
        {
            "title": "Fresh Letters",
            "description": "",
            "category": category("poster").pk,
            "tags": "",
            "images": upload(image_bytes()),
            "rights_confirmed": "on",
            "challenge": "bold-type",
            "submit_review": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert ChallengeEntry.objects.get(challenge=challenge).design.title == "Fresh Letters"


def test_home_page_and_main_menu_lead_to_the_open_challenge(client):
    home_page()
    _open_challenge()
    html = client.get("/").content.decode()
    assert "Challenge open for entries:" in html and "/challenges/bold-type/" in html
    assert 'href="/challenges/"' in html


def test_editors_manage_challenges_in_the_admin(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/challenges/").status_code == 200
    assert client.get("/admin/challenges/new/").status_code == 200


def test_how_voting_works_explains_the_numbers_in_both_languages(client):
    english = client.get("/how-voting-works/").content.decode()
    assert "crowd score" in english.lower() and "Wilson" in english and "Trust levels" in english
    german = client.get("/de/how-voting-works/").content.decode()
    assert "So funktioniert die Abstimmung" in german and "Vertrauensstufen" in german


def test_a_draft_says_what_happens_next_and_takes_no_comments(client):
    design = DesignFactory(state=DesignState.DRAFT)
    client.force_login(design.maker)
    html = client.get(design.get_absolute_url()).content.decode()
    assert "Draft: only you can see this design." in html
    assert "Voting on this design is closed" not in html
    assert "Crowd score" not in html
    assert "Comments open when the design is published." in html
    assert 'class="comment-form"' not in html


def test_the_design_page_explains_scores_and_shows_milestone_progress(client, monkeypatch):
    monkeypatch.setattr(voting_rules, "MILESTONES", [(50, 14), (250, 60)])
    now = timezone.now()
    design = DesignFactory(
        state=DesignState.APPROVED, voting_starts_at=now - timedelta(days=1), voting_ends_at=now + timedelta(days=13)
    )
    bulk_votes(design, spread(12, 48, 12))
    votes_recount()
    html = client.get(design.get_absolute_url()).content.decode()
    assert "/how-voting-works/#crowd-score" in html
    assert "12 of 50 supporters" in html and '<progress id="milestone-' in html


def test_design_cards_show_score_and_time_left(client):
    now = timezone.now()
    design = DesignFactory(
        state=DesignState.APPROVED, title="Card Design", voting_ends_at=now + timedelta(days=3, hours=1)
    )
    bulk_votes(design, spread(4, 16, 2))
    votes_recount()
    html = client.get("/designs/").content.decode()
    assert "Score " in html and "4 votes" in html
    assert re.search(r"3\xa0days(,\s1\xa0hour)?\s*left|3 days(, 1 hour)? left", html), html[html.find("Card Design") :][
        :800
    ]
