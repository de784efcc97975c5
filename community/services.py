"""Changes to members and their profiles."""

from __future__ import annotations

from community.models import Profile, User


def profile_for(*, user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def profile_mark_maker(*, user: User) -> None:
    Profile.objects.update_or_create(user=user, defaults={"is_maker": True})
