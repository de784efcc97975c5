"""Voting's Wagtail viewsets: editors (not only superusers) create and change challenges; a shortlist
decision with errors is shown again with the numbers; held-back votes are cleared through the service."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.test import TestCase
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils

from designs.models import DesignState
from tests.factories.designs import category, make_design
from tests.factories.editorial import staff_user
from tests.factories.voting import ChallengeFactory, VoterFactory
from voting import rules as voting_rules
from voting import services
from voting.models import Challenge


def _when(days: int) -> str:
    return (timezone.now() + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


@pytest.mark.django_db
class VotingAdmin(WagtailTestUtils, TestCase):
    def setUp(self):
        self.editor = staff_user("Editors")
        assert not self.editor.is_superuser
        self.client.force_login(self.editor)

    def test_an_editor_creates_and_changes_a_challenge(self):
        poster = category("poster")
        response = self.client.post(
            "/admin/challenges/new/",
            {
                "title": "Night Markets",
                "title_de": "Nachtmärkte",
                "slug": "night-markets",
                "brief": "Lanterns and stalls.",
                "brief_de": "",
                "categories": [poster.pk],
                "submission_starts_at": _when(1),
                "submission_ends_at": _when(8),
                "voting_starts_at": _when(9),
                "voting_ends_at": _when(16),
                "max_entries_per_maker": "2",
                "prize_terms": "",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        challenge = Challenge.objects.get(slug="night-markets")
        assert list(challenge.categories.all()) == [poster]
        response = self.client.get("/admin/challenges/", {"categories": poster.pk})
        assert "Night Markets" in response.content.decode()
        assert self.client.get(f"/admin/challenges/edit/{challenge.pk}/").status_code == 200

    def test_a_decision_without_a_reason_is_shown_again_with_the_numbers(self):
        design = make_design(title="Paper Moon")
        services.vote_cast(voter=VoterFactory(), design=design, score=4, would_buy=True)
        design.state = DesignState.SHORTLISTED
        design.save()
        page = self.client.get("/admin/voting/shortlist/").content.decode()
        assert f'action="/admin/voting/shortlist/decide/{design.pk}/"' in page
        response = self.client.post(
            f"/admin/voting/shortlist/decide/{design.pk}/", {f"d{design.pk}-decision": "not_selected"}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Please give a reason; the maker will read it." in html and "Crowd score" in html
        assert self.client.get("/admin/voting/shortlist/decide/999999/").status_code == 404

    def test_the_shortlist_says_when_it_is_empty(self):
        assert "The shortlist is empty." in self.client.get("/admin/voting/shortlist/").content.decode()

    def test_held_back_votes_are_listed_and_cleared(self):
        design = make_design(title="Crowded")
        net = "198.51.100.0/24"
        with mock.patch.object(voting_rules, "BURST_VOTES", 2):
            for _ in range(2):
                services.vote_cast(voter=VoterFactory(), design=design, score=5, network=net)
        listing = self.client.get("/admin/voting/held-back/").content.decode()
        assert "Crowded" in listing and f"/admin/voting/held-back/{design.pk}/" in listing
        response = self.client.post(f"/admin/voting/held-back/{design.pk}/", follow=True)
        assert "2 votes now count." in response.content.decode()
        assert "No votes are held back." in self.client.get("/admin/voting/held-back/").content.decode()

    def test_challenges_need_the_challenge_permissions(self):
        ChallengeFactory()
        self.client.force_login(staff_user("Fulfilment"))
        response = self.client.get("/admin/challenges/")
        assert response.status_code == 302 and response["Location"] == "/admin/"
