"""Editors decide on the shortlist in the Wagtail admin; maker and supporters are told."""

import re

import pytest
from django.contrib.auth.models import Group, Permission

from designs.models import DesignState
from notifications.models import Notification
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import make_design
from tests.factories.voting import VoterFactory
from voting import selectors, services
from voting.models import Vote

pytestmark = pytest.mark.django_db
S = DesignState


@pytest.fixture
def editor():
    user = UserFactory()
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(codename="moderate_design"), Permission.objects.get(codename="access_admin")
    )
    user.groups.add(group)
    return user


@pytest.fixture
def shortlisted():
    design = make_design(title="Night Owls")
    buyers = [VoterFactory() for _ in range(2)]
    for voter in buyers:
        services.vote_cast(voter=voter, design=design, score=5, would_buy=True)
    services.vote_cast(voter=VoterFactory(), design=design, score=3, would_buy=False)
    Vote.objects.create(design=design, voter=VoterFactory(), score=5, would_buy=True, weight=0)
    services.votes_recount()
    design.state = S.SHORTLISTED
    design.save()
    return design, buyers


def _cells(html: str) -> list[str]:
    """The text of each table cell of the listing, whitespace collapsed."""
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_shortlist_page_shows_the_numbers_side_by_side(client, editor, shortlisted):
    design, _ = shortlisted
    client.login(email=editor.email, password=PASSWORD)
    response = client.get("/admin/voting/shortlist/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Night Owls" in html
    summary = selectors.vote_summary_for_designs(design_ids=[design.pk])[design.pk]
    assert (summary.votes, summary.would_buy, summary.discounted) == (3, 2, 1)
    cells = _cells(html)
    for value in (f"{summary.crowd_score:.1f}", f"{summary.mean_score:.2f}", f"{summary.wilson_lower:.3f}"):
        assert value in cells
    assert "3" in cells and "2" in cells
    assert "Comments" in html


def test_selected_decision_reaches_the_design_page_maker_and_supporters(
    client, editor, shortlisted, django_capture_on_commit_callbacks
):
    design, buyers = shortlisted
    client.login(email=editor.email, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/voting/shortlist/decide/{design.pk}/",
            {f"d{design.pk}-decision": "selected", f"d{design.pk}-reason": "Strong buyers."},
        )
    assert response.status_code == 302
    design.refresh_from_db()
    assert design.state == S.SELECTED
    assert Notification.objects.filter(recipient=design.maker, kind="design_selected").exists()
    told = set(Notification.objects.filter(kind="voting_decision").values_list("recipient_id", flat=True))
    assert told == {b.pk for b in buyers}  # the held-back vote's voter is not a supporter
    page = client.get(design.get_absolute_url()).content.decode()
    assert "Selected" in page and "Strong buyers." in page


def test_not_selected_needs_a_reason(client, editor, shortlisted):
    design, _ = shortlisted
    client.login(email=editor.email, password=PASSWORD)
    response = client.post(f"/admin/voting/shortlist/decide/{design.pk}/", {f"d{design.pk}-decision": "not_selected"})
    assert response.status_code == 200
    assert "Please give a reason" in response.content.decode()
    design.refresh_from_db()
    assert design.state == S.SHORTLISTED


def test_members_cannot_decide(client, shortlisted):
    design, _ = shortlisted
    member = VoterFactory()
    member.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.login(email=member.email, password=PASSWORD)
    response = client.post(f"/admin/voting/shortlist/decide/{design.pk}/", {f"d{design.pk}-decision": "selected"})
    assert response.status_code in (302, 403)
    design.refresh_from_db()
    assert design.state == S.SHORTLISTED
    with pytest.raises(services.PermissionDenied):
        services.design_decide(design=design, actor=member, selected=True)


def test_challenge_admin_lists_challenges(client, editor):
    from tests.factories.voting import ChallengeFactory

    ChallengeFactory(title="Spring Posters")
    editor.is_superuser = True
    editor.save()
    client.login(email=editor.email, password=PASSWORD)
    response = client.get("/admin/challenges/")
    assert response.status_code == 200
    assert "Spring Posters" in response.content.decode()
