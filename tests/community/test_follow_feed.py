import pytest
from django.core.exceptions import ValidationError

from community import selectors, services
from community.models import Activity
from notifications.models import Notification
from tests.factories.accounts import UserFactory
from tests.factories.designs import make_design


def test_follow_button_follows_and_unfollows_in_place(client, member, maker):
    client.force_login(member)
    response = client.post(f"/members/{maker.handle}/follow/", {"action": "follow"}, HTTP_ACCEPT="application/json")
    data = response.json()
    assert (data["ok"], data["following"], data["count"]) == (True, True, 1)
    assert "Unfollow" in data["html"] and "1 follower" in data["html"]
    assert f'name="next" value="/members/{maker.handle}/"' in data["html"]
    assert list(selectors.followers_of(user=maker)) == [member]
    assert Notification.objects.filter(recipient=maker, kind="new_follower").exists()
    response = client.post(f"/members/{maker.handle}/follow/", {"action": "unfollow"})
    assert response.status_code == 302
    assert selectors.follower_count(user=maker) == 0


def test_following_twice_keeps_one_follow_and_self_follow_is_refused(member, maker):
    services.follow(follower=member, maker=maker)
    services.follow(follower=member, maker=maker)
    assert selectors.follower_count(user=maker) == 1
    with pytest.raises(ValidationError):
        services.follow(follower=maker, maker=maker)


def test_anonymous_visitors_cannot_follow(client, maker):
    response = client.post(f"/members/{maker.handle}/follow/", {"action": "follow"})
    assert response.status_code == 403
    assert selectors.follower_count(user=maker) == 0


def test_feed_shows_new_work_of_followed_makers_only(client, member, maker, django_assert_max_num_queries):
    stranger = UserFactory(handle="stranger")
    services.follow(follower=member, maker=maker)
    followed_design = make_design(maker=maker, title="Followed Work")
    other_design = make_design(maker=stranger, title="Stranger Work")
    services.activity_record(actor=maker, verb="published", target=followed_design)
    services.activity_record(actor=maker, verb="published", target=followed_design)  # recorded once
    services.activity_record(actor=stranger, verb="published", target=other_design)
    assert Activity.objects.count() == 2
    for i in range(5):
        services.activity_record(actor=maker, verb="published", target=make_design(maker=maker, title=f"More {i}"))
    client.force_login(member)
    client.get("/feed/")  # once-per-process work (the footer's links) is not measured
    with django_assert_max_num_queries(12):
        page = client.get("/feed/").content.decode()
    assert "Followed Work" in page and "More 4" in page
    assert "Stranger Work" not in page


def test_feed_hides_removed_designs(client, member, maker):
    services.follow(follower=member, maker=maker)
    design = make_design(maker=maker, title="Soon Removed")
    services.activity_record(actor=maker, verb="published", target=design)
    design.moderation_removed = True
    design.save()
    client.force_login(member)
    assert "Soon Removed" not in client.get("/feed/").content.decode()


def test_notify_followers_tells_every_follower(member, maker):
    other = UserFactory()
    services.follow(follower=member, maker=maker)
    services.follow(follower=other, maker=maker)
    told = services.notify_followers(maker=maker, title="Mira published “Night Owl”", url="/designs/night-owl/")
    assert told == 2
    assert Notification.objects.filter(kind="followed_maker").count() == 2
