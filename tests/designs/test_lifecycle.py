import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from designs import rules as design_rules
from designs import services
from designs.models import DesignState, DesignTransition
from designs.services import TRANSITIONS, WITHDRAWABLE, TransitionError
from notifications.models import Notification
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory

S = DesignState
pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


MOVES = {
    S.SUBMITTED: lambda d, maker, editor: services.design_submit(design=d, actor=maker),
    S.APPROVED: lambda d, maker, editor: services.design_approve(design=d, actor=editor),
    S.REJECTED: lambda d, maker, editor: services.design_reject(design=d, actor=editor, reason="Too blurry."),
    S.SHORTLISTED: lambda d, maker, editor: services.design_shortlist(design=d, actor=editor),
    S.SELECTED: lambda d, maker, editor: services.design_select(design=d, actor=editor),
    S.NOT_SELECTED: lambda d, maker, editor: services.design_not_select(design=d, actor=editor, reason="Others won."),
    S.IN_PRODUCTION: lambda d, maker, editor: services.design_start_production(design=d, actor=editor),
    S.ON_SALE: lambda d, maker, editor: services.design_put_on_sale(design=d, actor=editor),
    S.RETIRED: lambda d, maker, editor: services.design_retire(design=d, actor=editor),
    S.WITHDRAWN: lambda d, maker, editor: services.design_withdraw(design=d, actor=maker),
}


def allowed(source, target) -> bool:
    if target == S.WITHDRAWN:
        return source in WITHDRAWABLE
    if target == S.NOT_SELECTED and source == S.APPROVED:
        return True
    return (source, target) in TRANSITIONS


@pytest.mark.parametrize("source", list(S))
@pytest.mark.parametrize("target", [t for t in S if t != S.DRAFT])
def test_every_transition_is_allowed_or_a_clear_error(source, target, editor):
    design = DesignFactory(state=source)
    maker = design.maker
    if target == S.NOT_SELECTED and source == S.APPROVED:
        move = lambda d, m, e: services.design_leave_voting(design=d, actor=e, reason="Score below the floor.")  # noqa: E731
    else:
        move = MOVES[target]
    if allowed(source, target):
        result = move(design, maker, editor)
        assert result.state == target
        log = DesignTransition.objects.get(design=design)
        assert (log.from_state, log.to_state) == (source, target)
        assert log.actor in (maker, editor)
        assert Notification.objects.filter(recipient=maker, kind=f"design_{target}").exists()
    else:
        with pytest.raises(TransitionError) as caught:
            move(design, maker, editor)
        assert caught.value.messages[0]
        design.refresh_from_db()
        assert design.state == source, "a refused transition changes nothing"
        assert not DesignTransition.objects.filter(design=design).exists()


def test_only_editors_approve_and_reject(editor):
    design = DesignFactory(state=S.SUBMITTED)
    stranger = UserFactory()
    for actor in (design.maker, stranger):
        with pytest.raises(PermissionDenied):
            services.design_approve(design=design, actor=actor)
        with pytest.raises(PermissionDenied):
            services.design_reject(design=design, actor=actor, reason="no")
    design.refresh_from_db()
    assert design.state == S.SUBMITTED


def test_only_the_maker_submits_and_withdraws(editor):
    design = DesignFactory(state=S.DRAFT)
    for actor in (UserFactory(), editor):
        with pytest.raises(PermissionDenied):
            services.design_submit(design=design, actor=actor)
        with pytest.raises(PermissionDenied):
            services.design_withdraw(design=design, actor=actor)
    design.refresh_from_db()
    assert design.state == S.DRAFT


def test_rejection_needs_a_reason_and_the_maker_reads_it(editor):
    design = DesignFactory(state=S.SUBMITTED)
    with pytest.raises(ValidationError):
        services.design_reject(design=design, actor=editor, reason="  ")
    services.design_reject(design=design, actor=editor, reason="The image is too small to print.")
    design.refresh_from_db()
    assert design.rejection_reason == "The image is too small to print."
    note = Notification.objects.get(recipient=design.maker, kind="design_rejected")
    assert "too small to print" in note.body


def test_approval_opens_a_voting_window_of_the_configured_length(editor, monkeypatch):
    monkeypatch.setattr(design_rules, "VOTING_DAYS", 5)
    design = services.design_approve(design=DesignFactory(state=S.SUBMITTED), actor=editor)
    assert (design.voting_ends_at - design.voting_starts_at).days == 5


def test_state_change_signal_is_sent_after_commit(editor, django_capture_on_commit_callbacks):
    from designs.signals import design_state_changed

    seen = []

    def listener(sender, design, from_state, to_state, **kwargs):
        seen.append((from_state, to_state))

    design_state_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.design_approve(design=DesignFactory(state=S.SUBMITTED), actor=editor)
    finally:
        design_state_changed.disconnect(listener)
    assert seen == [(S.SUBMITTED, S.APPROVED)]
