"""Designs and community: followers hear about approvals, flags hide designs, reviews show on profiles."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import Profile
from community import rules as community_rules
from community.models import Activity, FlagReason, ModerationCase
from community.services import flag_create, follow, moderation_keep
from designs import services
from designs.models import DesignState
from notifications.models import Notification
from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory

pytestmark = pytest.mark.django_db


def test_approval_reaches_followers_feed_and_notifications(client, django_capture_on_commit_callbacks):
    design = DesignFactory(state=DesignState.SUBMITTED)
    fan = UserFactory()
    follow(follower=fan, maker=design.maker)
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    with django_capture_on_commit_callbacks(execute=True):
        services.design_approve(design=design, actor=editor)
    assert Activity.objects.filter(actor=design.maker, object_id=design.pk).exists()
    assert Notification.objects.filter(recipient=fan, url=design.get_absolute_url()).exists()
    client.force_login(fan)
    assert design.title in client.get("/feed/").content.decode()


def test_flags_hide_a_design_until_a_moderator_keeps_it(client, monkeypatch):
    monkeypatch.setattr(community_rules, "FLAG_HIDE_THRESHOLD", 2.0)
    design = DesignFactory()
    for _i in range(2):
        flagger = UserFactory()
        Profile.objects.filter(user=flagger).update(trust_level=1)
        flag_create(flagger=flagger, target=design, reason=FlagReason.RIGHTS)
    design.refresh_from_db()
    assert design.moderation_hidden and not design.is_public
    assert client.get(design.get_absolute_url()).status_code == 404
    assert design.title not in client.get("/designs/").content.decode()
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    moderation_keep(case=ModerationCase.objects.get(object_id=design.pk), moderator=moderator)
    design.refresh_from_db()
    assert design.is_public


def test_storefront_has_a_follow_button(client):
    design = DesignFactory()
    client.force_login(UserFactory())
    html = client.get(f"/makers/{design.maker.handle}/").content.decode()
    assert "follow" in html.lower() and 'method="post"' in html
