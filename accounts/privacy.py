"""What the accounts app keeps about a member (the account, its email addresses, the profile), for the
data download and for account deletion, and the account's own anonymisation.

Every app registers its own sections with core.privacy in its AppConfig.ready() (community its comments,
follows and flags, notifications its notifications, the shop its orders, ...): `account_export` and
`account_delete` (accounts/services.py) ask the registry, never a higher app by name.
"""

from __future__ import annotations

from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.models import Profile, User
from core import privacy

DELETED_PREFIX = "deleted-"


def export_profile(user: User) -> dict:
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
            "language": profile.language,
            "is_maker": profile.is_maker,
            "trust_level": profile.trust_level,
            "days_visited": profile.days_visited,
            "votes_cast": profile.votes_cast,
            "purchases": profile.purchases,
        },
    }


def erase_profile(user: User) -> None:
    """The profile row stays (counters, trust level) with nothing the member wrote in it."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return
    avatar = profile.avatar
    Profile.objects.filter(pk=profile.pk).update(
        bio="", location="", website="", instagram="", avatar=None, is_maker=False
    )
    if avatar is not None:
        avatar.delete()


def anonymise_account(user: User) -> None:
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


def end_sessions(user: User) -> int:
    """Delete every stored session of `user` (the unusable password already invalidates them)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()  # the database row and a cached copy
            ended += 1
    return ended


def register() -> None:
    privacy.register("profile", exporter=export_profile, eraser=erase_profile)
