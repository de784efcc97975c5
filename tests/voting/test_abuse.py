"""Suspicious votes count with weight 0 until an editor clears them; editors see why."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import make_design
from tests.factories.voting import VoterFactory
from voting import abuse, selectors, services
from voting import rules as voting_rules
from voting.models import DesignVoteStats, Vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="moderate_design"))
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def counters(design):
    s = DesignVoteStats.objects.get(pk=design.pk)
    return s.votes, s.score_sum, s.would_buy, s.discounted


def test_network_of_keeps_only_the_prefix():
    assert abuse.network_of("203.0.113.77") == "203.0.113.0/24"
    assert abuse.network_of("2001:db8:1234:5678::1") == "2001:db8:1234::/48"
    assert abuse.network_of("not an ip") == ""
    assert abuse.network_of(None) == ""


def test_burst_from_one_network_holds_back_the_whole_burst(monkeypatch):
    monkeypatch.setattr(voting_rules, "BURST_VOTES", 3)
    design = make_design()
    net = "198.51.100.0/24"
    a, b, c = VoterFactory(), VoterFactory(), VoterFactory()
    services.vote_cast(voter=a, design=design, score=5, would_buy=True, network=net)
    services.vote_cast(voter=b, design=design, score=5, would_buy=True, network=net)
    assert counters(design) == (2, 10, 2, 0)
    services.vote_cast(voter=c, design=design, score=5, would_buy=True, network=net)
    assert counters(design) == (0, 0, 0, 3)
    assert set(Vote.objects.values_list("weight", flat=True)) == {0}
    assert selectors.discounted_reasons(design=design) == {abuse.NETWORK_BURST: 3}
    # another network is not affected
    services.vote_cast(voter=VoterFactory(), design=design, score=4, network="192.0.2.0/24")
    assert counters(design) == (1, 4, 0, 3)


def test_votes_from_one_network_spread_over_time_are_fine(monkeypatch):
    monkeypatch.setattr(voting_rules, "BURST_VOTES", 3)
    design = make_design()
    net = "198.51.100.0/24"
    old = timezone.now() - timedelta(minutes=30)
    for voter in (VoterFactory(), VoterFactory()):
        Vote.objects.create(design=design, voter=voter, score=4, network=net, created_at=old)
    services.votes_recount()
    services.vote_cast(voter=VoterFactory(), design=design, score=4, network=net)
    assert counters(design) == (3, 12, 0, 0)


def test_new_account_concentrating_on_one_maker_is_held_back(django_capture_on_commit_callbacks):
    maker = VoterFactory()
    designs = [make_design(maker=maker) for _ in range(3)]
    young = UserFactory(date_joined=timezone.now() - timedelta(hours=30))
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(voter=young, design=designs[0], score=5)
        services.vote_cast(voter=young, design=designs[1], score=5)
    assert counters(designs[0])[0] == 1  # two votes are not yet a pattern
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(voter=young, design=designs[2], score=5)
    for design in designs:
        assert counters(design) == (0, 0, 0, 1)
        assert selectors.discounted_reasons(design=design) == {abuse.NEW_ACCOUNT_CONCENTRATION: 1}


def test_old_account_with_the_same_pattern_counts():
    maker = VoterFactory()
    voter = VoterFactory()  # 30 days old
    designs = [make_design(maker=maker) for _ in range(3)]
    for design in designs:
        services.vote_cast(voter=voter, design=design, score=5)
    assert all(counters(d) == (1, 5, 0, 0) for d in designs)


def test_young_account_spreading_votes_counts():
    young = UserFactory(date_joined=timezone.now() - timedelta(hours=30))
    designs = [make_design() for _ in range(3)]  # three different makers
    for design in designs:
        services.vote_cast(voter=young, design=design, score=4)
    assert all(counters(d) == (1, 4, 0, 0) for d in designs)


def test_editor_clears_held_back_votes_and_they_count(editor, monkeypatch):
    monkeypatch.setattr(voting_rules, "BURST_VOTES", 2)
    design = make_design()
    net = "198.51.100.0/24"
    services.vote_cast(voter=VoterFactory(), design=design, score=5, would_buy=True, network=net)
    services.vote_cast(voter=VoterFactory(), design=design, score=3, network=net)
    assert counters(design) == (0, 0, 0, 2)
    cleared = services.votes_clear(design=design, actor=editor)
    assert cleared == 2
    assert counters(design) == (2, 8, 1, 0)
    vote = Vote.objects.filter(design=design).first()
    assert vote.cleared_by == editor and vote.cleared_at is not None
    # a cleared vote stays counted when the member changes it, even inside a burst
    services.vote_cast(voter=vote.voter, design=design, score=1, network=net)
    assert counters(design)[0] == 2


def test_only_editors_clear_votes():
    design = make_design()
    with pytest.raises(services.PermissionDenied):
        services.votes_clear(design=design, actor=VoterFactory())


def test_editor_sees_held_back_votes_and_reasons_in_the_admin(client, editor, monkeypatch):
    monkeypatch.setattr(voting_rules, "BURST_VOTES", 2)
    design = make_design(title="Crowded")
    net = "198.51.100.0/24"
    services.vote_cast(voter=VoterFactory(), design=design, score=5, network=net)
    services.vote_cast(voter=VoterFactory(), design=design, score=5, network=net)
    client.login(email=editor.email, password=PASSWORD)
    listing = client.get("/admin/voting/held-back/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Crowded" in html and "Burst of votes from the same network: 2" in html
    detail = client.get(f"/admin/voting/held-back/{design.pk}/")
    assert "198.51.100.0/24" in detail.content.decode()
    page = client.get(design.get_absolute_url()).content.decode()
    assert "2 votes held back" in page
    response = client.post(f"/admin/voting/held-back/{design.pk}/", {"vote": [Vote.objects.first().pk]})
    assert response.status_code == 302
    assert counters(design) == (1, 5, 0, 1)


def test_members_do_not_see_the_held_back_counts(client, monkeypatch):
    monkeypatch.setattr(voting_rules, "BURST_VOTES", 2)
    design = make_design()
    for _ in range(2):
        services.vote_cast(voter=VoterFactory(), design=design, score=5, network="198.51.100.0/24")
    member = VoterFactory()
    client.login(email=member.email, password=PASSWORD)
    assert "held back" not in client.get(design.get_absolute_url()).content.decode()
    assert client.get(f"/admin/voting/held-back/{design.pk}/").status_code in (302, 403)
