from __future__ import annotations

from celery import shared_task
from django.utils.translation import gettext as _

from community.services import activity_record, notify_followers
from designs.models import Design


@shared_task
def announce_design(design_id: int) -> int:
    """Put a newly approved design into followers' feeds and notifications; returns how many were told."""
    design = Design.objects.select_related("maker").filter(pk=design_id).first()
    if design is None or not design.is_public:
        return 0
    activity_record(actor=design.maker, verb="design_approved", target=design)
    return notify_followers(
        maker=design.maker,
        title=lambda: (
            _("%(maker)s has a new design in voting: “%(title)s”")
            % {"maker": design.maker.public_name, "title": design.title}
        ),
        body=lambda: _("Vote on it and say whether you would buy it."),
        url=design.get_absolute_url(),
    )


@shared_task(name="designs.tasks.flush_view_counts")
def flush_view_counts() -> int:
    """Write the buffered page views (Redis) to the designs and their daily buckets."""
    from designs.services import design_views_flush

    return design_views_flush()
