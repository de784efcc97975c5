"""Design review as a Wagtail viewset: the submitted designs only, filters, approve and reject through
designs.services, with the same messages as before."""

from __future__ import annotations

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.permissions import policy_registry
from wagtail.test.utils import WagtailTestUtils

from community.models import ModerationCase
from designs.models import Design, DesignState
from tests.factories.designs import DesignFactory, category
from tests.factories.editorial import staff_user

S = DesignState


@pytest.mark.django_db
class DesignReviewAdmin(WagtailTestUtils, TestCase):
    def setUp(self):
        self.editor = staff_user("Editors")
        self.client.force_login(self.editor)

    def test_the_queue_lists_submitted_designs_only_and_filters_by_category(self):
        assert "No designs are waiting for review." in self.client.get("/admin/designs/review/").content.decode()
        poster = DesignFactory(state=S.SUBMITTED, title="Harbour poster", category=category("poster"))
        mug = DesignFactory(state=S.SUBMITTED, title="Harbour mug", category=category("mug"))
        voting = DesignFactory(state=S.APPROVED, title="Already voting")
        html = self.client.get("/admin/designs/review/").content.decode()
        assert poster.title in html and mug.title in html and voting.title not in html
        assert f"/admin/designs/review/approve/{poster.pk}/" in html
        filtered = self.client.get("/admin/designs/review/", {"category": mug.category_id}).content.decode()
        assert mug.title in filtered and poster.title not in filtered

    def test_approve_and_reject_say_what_happened(self):
        design = DesignFactory(state=S.SUBMITTED, approved_at=None, voting_starts_at=None, voting_ends_at=None)
        other = DesignFactory(state=S.SUBMITTED)
        response = self.client.post(f"/admin/designs/review/approve/{design.pk}/", follow=True)
        assert f"“{design.title}” is approved and open for voting." in response.content.decode()
        response = self.client.post(f"/admin/designs/review/reject/{other.pk}/", {"reason": ""}, follow=True)
        assert "Please give a reason for the rejection" in response.content.decode()
        response = self.client.post(f"/admin/designs/review/reject/{other.pk}/", {"reason": "Blurry"}, follow=True)
        assert f"“{other.title}” was rejected; the maker was told why." in response.content.decode()
        assert Design.objects.get(pk=other.pk).state == S.REJECTED

    def test_a_refused_transition_is_a_message(self):
        design = DesignFactory(state=S.APPROVED)
        response = self.client.post(f"/admin/designs/review/approve/{design.pk}/", follow=True)
        assert response.status_code == 200
        assert response.context["messages"] and Design.objects.get(pk=design.pk).state == S.APPROVED

    def test_the_policy_allows_moderating_but_never_editing_a_design(self):
        policy = policy_registry.get_by_type(Design)
        assert policy.user_has_permission(self.editor, "moderate")
        assert policy.user_has_permission(self.editor, "view")
        for action in ("add", "change", "delete"):
            assert not policy.user_has_permission(self.editor, action)
        assert self.editor in policy.users_with_any_permission(["moderate"])
        design = DesignFactory()
        response = self.client.get(f"/admin/designs/edit/{design.pk}/")
        assert response.status_code == 302 and response["Location"] == "/admin/"

    def test_admin_links_to_a_design_still_lead_to_the_designs_snippet(self):
        design = DesignFactory()
        expected = reverse(Design.snippet_viewset.get_url_name("edit"), args=[design.pk])
        assert AdminURLFinder().get_edit_url(design) == expected
        case = ModerationCase.objects.create(content_type_id=1, object_id=design.pk, summary="x")
        assert AdminURLFinder(staff_user("Moderators")).get_edit_url(case) == f"/admin/moderation/{case.pk}/"
        assert AdminURLFinder(staff_user("Fulfilment")).get_edit_url(case) is None
