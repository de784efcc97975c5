"""What the community app keeps about a member, for the data download and for account deletion.

Registered with core.privacy in CommunityConfig.ready(); the privacy page and
`account_delete` (community/services.py) ask the registry, never the higher apps by name.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from accounts.models import Profile
from community.models import Flag, Follow
from core import privacy
from notifications.models import Notification, NotificationPreference

User = get_user_model()
DELETED_PREFIX = "deleted-"


def export_profile(user) -> dict:
    profile = Profile.objects.filter(user=user).first()
    return {
        "email": user.email,
        "handle": user.handle,
        "display_name": user.display_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "profile": None
        if profile is None
        else {
            "bio": profile.bio,
            "location": profile.location,
            "website": profile.website,
            "instagram": profile.instagram,
            "is_maker": profile.is_maker,
            "trust_level": profile.trust_level,
            "days_visited": profile.days_visited,
            "votes_cast": profile.votes_cast,
            "purchases": profile.purchases,
        },
        "notification_preferences": {
            p.kind: p.delivery for p in NotificationPreference.objects.filter(user=user).order_by("kind")
        },
        "following": list(Follow.objects.filter(follower=user).values_list("maker__handle", flat=True)),
        "followers": Follow.objects.filter(maker=user).count(),
    }


def export_comments(user) -> list[dict]:
    return [
        {
            "id": c.pk,
            "on": f"{c.content_type.app_label}.{c.content_type.model}:{c.object_pk}",
            "comment": c.comment,
            "submitted": c.submit_date,
            "public": c.is_public,
            "removed": c.is_removed,
        }
        for c in XtdComment.norel_objects.filter(user=user).select_related("content_type").order_by("submit_date")
    ]


def export_notifications(user) -> list[dict]:
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("created_at")
        .values("kind", "title", "body", "url", "created_at", "read_at")
    )


def export_flags(user) -> list[dict]:
    return list(Flag.objects.filter(flagger=user).values("reason", "created_at"))


def erase_community(user) -> None:
    """Comments stay, as a deleted member's; everything else personal goes."""
    XtdComment.norel_objects.filter(user=user).update(
        user=None, user_name="", user_email="", user_url="", ip_address=None
    )
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    Follow.objects.filter(follower=user).delete()
    Follow.objects.filter(maker=user).delete()
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        avatar = profile.avatar
        Profile.objects.filter(pk=profile.pk).update(
            bio="", location="", website="", instagram="", avatar=None, is_maker=False
        )
        if avatar is not None:
            avatar.delete()


def anonymise_account(user) -> None:
    """The account row stays (orders and reviews point at it) with nothing left that names the member."""
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"{DELETED_PREFIX}{user.pk}@deleted.invalid"
    user.handle = f"{DELETED_PREFIX}{user.pk}"
    user.display_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    end_sessions(user)


def end_sessions(user) -> int:
    """Delete every stored session of `user` (the unusable password already invalidates them)."""
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()  # the database row and a cached copy
            ended += 1
    return ended


def register() -> None:
    privacy.register("profile", exporter=export_profile)
    privacy.register("comments", exporter=export_comments)
    privacy.register("notifications", exporter=export_notifications)
    privacy.register("flags", exporter=export_flags)
    privacy.register("community", eraser=erase_community)
