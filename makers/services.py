"""Changes makers make to their storefront."""

from __future__ import annotations

from django.db import transaction

from community.models import Profile, User
from designs.services import wagtail_image_from
from designs.validation import clean_design_image

AVATAR_MIN_SIDE = 200
AVATAR_MAX_BYTES = 5 * 1024 * 1024


def maker_settings_update(*, user: User, display_name: str, profile_data: dict, avatar_upload=None) -> Profile:
    """Save storefront settings; a refused avatar leaves the profile unchanged."""
    clean_avatar = (
        clean_design_image(avatar_upload, min_short_side=AVATAR_MIN_SIDE, max_bytes=AVATAR_MAX_BYTES)
        if avatar_upload
        else None
    )
    with transaction.atomic():
        profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
        for field in ("bio", "location", "website", "instagram"):
            if field in profile_data:
                setattr(profile, field, profile_data[field])
        if clean_avatar is not None:
            profile.avatar = wagtail_image_from(
                clean_avatar, title=f"Avatar of {user.handle}", name=f"avatar-{user.handle}"
            )
        profile.save()
        user.display_name = display_name.strip()
        user.save(update_fields=["display_name"])
    return profile
