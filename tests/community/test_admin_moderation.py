"""The moderation queue as a Wagtail viewset: open and hidden cases by default, decided ones through the
status filter, decisions through community.services."""

from __future__ import annotations

import pytest
from django.test import TestCase
from wagtail.test.utils import WagtailTestUtils

from accounts.models import Profile
from community import services
from community.models import CaseStatus, FlagReason, ModerationCase
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.editorial import staff_user


def _flag(design, n: int = 1) -> ModerationCase:
    for _ in range(n):
        flagger = UserFactory()
        Profile.objects.filter(user=flagger).update(trust_level=1)
        services.flag_create(flagger=flagger, target=design, reason=FlagReason.SPAM)
    return ModerationCase.objects.get(object_id=design.pk)


@pytest.mark.django_db
class ModerationAdmin(WagtailTestUtils, TestCase):
    def setUp(self):
        self.moderator = staff_user("Moderators")
        self.client.force_login(self.moderator)

    def test_the_queue_shows_open_cases_and_the_filter_shows_decided_ones(self):
        open_case = _flag(DesignFactory(title="Loud Poster"))
        kept = _flag(DesignFactory(title="Quiet Poster"))
        services.moderation_keep(case=kept, moderator=self.moderator, note="")
        html = self.client.get("/admin/moderation/").content.decode()
        assert open_case.summary in html and kept.summary not in html
        assert f"/admin/moderation/{open_case.pk}/" in html
        decided = self.client.get("/admin/moderation/", {"status": CaseStatus.KEPT}).content.decode()
        assert kept.summary in decided and open_case.summary not in decided

    def test_keep_from_the_case_page(self):
        case = _flag(DesignFactory(title="Fine Poster"))
        page = self.client.get(f"/admin/moderation/{case.pk}/").content.decode()
        assert "Keep it" in page and "Remove it" in page
        response = self.client.post(f"/admin/moderation/{case.pk}/keep/", {"note": "Looks fine"}, follow=True)
        assert "Done." in response.content.decode()
        case.refresh_from_db()
        assert case.status == CaseStatus.KEPT

    def test_nobody_adds_edits_or_deletes_a_case(self):
        case = _flag(DesignFactory())
        for url in ("/admin/moderation/new/", f"/admin/moderation/edit/{case.pk}/"):
            assert self.client.get(url).status_code == 404, url
        response = self.client.post(f"/admin/moderation/{case.pk}/unknown/")
        assert response.status_code == 302
