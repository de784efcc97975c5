"""The admin shows times in the site's time zone, like the public pages (WAGTAIL_USER_TIME_ZONES).

Wagtail activates a staff member's saved profile zone whatever the allowed list says, so a zone saved
before the list was pinned (or written by hand) put every admin time one or two hours off the public
page. A saved zone outside the allowed list is dropped when the profile is saved; the migration
core 0002 drops the ones already stored.
"""

from __future__ import annotations

from django.conf import settings


def allowed_admin_time_zones() -> list[str]:
    return list(getattr(settings, "WAGTAIL_USER_TIME_ZONES", [settings.TIME_ZONE]))


def drop_foreign_time_zone(sender, instance, **kwargs) -> None:
    if instance.current_time_zone and instance.current_time_zone not in allowed_admin_time_zones():
        instance.current_time_zone = ""
