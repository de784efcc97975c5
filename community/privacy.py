"""What the community app keeps about a member, for the data download and for account deletion:
comments, follows and flags (core.privacy, registered in CommunityConfig.ready())."""

from __future__ import annotations

from django_comments_xtd.models import XtdComment

from accounts.models import User
from community.models import Flag, Follow
from core import privacy


def export_follows(user: User) -> dict:
    return {
        "following": list(Follow.objects.filter(follower=user).values_list("maker__handle", flat=True)),
        "followers": Follow.objects.filter(maker=user).count(),
    }


def export_comments(user: User) -> list[dict]:
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


def export_flags(user: User) -> list[dict]:
    return list(Flag.objects.filter(flagger=user).values("reason", "created_at"))


def erase_community(user: User) -> None:
    """Comments stay, as a deleted member's; follows both ways go."""
    XtdComment.norel_objects.filter(user=user).update(
        user=None, user_name="", user_email="", user_url="", ip_address=None
    )
    Follow.objects.filter(follower=user).delete()
    Follow.objects.filter(maker=user).delete()


def register() -> None:
    privacy.register("follows", exporter=export_follows)
    privacy.register("comments", exporter=export_comments)
    privacy.register("flags", exporter=export_flags)
    privacy.register("community", eraser=erase_community)
