"""Changes to members' accounts and public profiles: the one way a Profile's public fields change."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Profile, User
from accounts.privacy import anonymise_account
from core import privacy
from core.markup import clean_text, contains_link


def _trust_level(user: User) -> int:
    """The stored trust level (community computes it, see docs/trust-levels.md)."""
    level = Profile.objects.filter(user_id=user.pk).values_list("trust_level", flat=True).first()
    return level or 0


def profile_for(*, user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def language_set(*, user: User, language: str) -> None:
    """Remember the member's language (for the site, notifications and emails)."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Unknown language.")})
    profile_for(user=user)
    Profile.objects.filter(user=user).update(language=language)


def profile_mark_maker(*, user: User) -> None:
    Profile.objects.update_or_create(user=user, defaults={"is_maker": True})


def profile_update(
    *,
    user: User,
    bio: str,
    location: str,
    website: str,
    instagram: str,
    display_name: str | None = None,
    avatar=None,
    language: str | None = None,
) -> Profile:
    """The one way a member's public profile changes, from /account/profile/ and from /makers/settings/.

    New members (trust level 0) may not put links in their bio. `avatar` is a stored image
    (the caller validates the upload); None keeps the current one, as does `language=None`.
    A maker's storefront banner is not part of the profile: the maker's brand owns it (makers.services).
    """
    bio = clean_text(bio)
    if contains_link(bio) and _trust_level(user) < 1:
        raise ValidationError({"bio": _("New members cannot post links yet. Visit again tomorrow and try again.")})
    with transaction.atomic():
        profile_for(user=user)
        profile = Profile.objects.select_for_update().get(user=user)
        profile.bio, profile.location, profile.website, profile.instagram = bio, location, website, instagram
        if avatar is not None:
            profile.avatar = avatar
        if language is not None:
            profile.language = language
        profile.full_clean()
        profile.save()
        if display_name is not None:
            user.display_name = display_name.strip()
            user.save(update_fields=["display_name"])
    return profile


def profile_moderation_remove(*, user: User) -> None:
    """The account stays; what the member wrote about themselves is taken down."""
    Profile.objects.filter(user=user).update(bio="", website="", instagram="", location="", avatar=None)


# --- privacy: the member's own data ------------------------------------------------------


def account_export(*, user: User) -> dict:
    """Everything the site keeps about `user`, from every app (the core.privacy registry), ready for JSON."""
    return {
        "exported_at": timezone.now().isoformat(),
        "site": "Commonmade",
        **privacy.export(user),
    }


def account_delete(*, user: User, password: str) -> None:
    """Delete the account after the password is confirmed.

    Every app's eraser runs (core.privacy, highest app first): designs are withdrawn, comments stay as
    a deleted member's, orders and invoices stay with the personal data reduced to what the law
    requires, every other personal record goes. Then the account row is anonymised (orders and reviews
    point at it) and every session of the member ends.
    """
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in to delete your account."))
    if not password or not user.check_password(password):
        raise ValidationError({"password": _("That is not your password.")})
    with transaction.atomic():
        privacy.erase(user)
        anonymise_account(user)
