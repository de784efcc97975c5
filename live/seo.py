"""What a drop's page tells search engines: a schema.org Event broadcast live (BroadcastEvent)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core import seo
from live.models import LiveShow, ShowStatus

_EVENT_STATUS = {
    ShowStatus.SCHEDULED: "https://schema.org/EventScheduled",
    ShowStatus.LIVE: "https://schema.org/EventScheduled",
    ShowStatus.ENDED: "https://schema.org/EventScheduled",
    ShowStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def show_event(request, show: LiveShow) -> dict:
    url = seo.absolute(request, show.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": show.title,
        "url": url,
        "startDate": show.starts_at.isoformat(),
        "endDate": show.ends_at.isoformat(),
        "eventStatus": _EVENT_STATUS[show.status],
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": url},
        "organizer": seo.person(request, show.host),
        "performer": seo.person(request, show.host),
    }
    description = seo.plain_text(show.description, limit=0)
    if description:
        data["description"] = description
    broadcast = {
        "@type": "BroadcastEvent",
        "name": show.title,
        "isLiveBroadcast": True,
        "startDate": (show.started_at or show.starts_at).isoformat(),
        "endDate": (show.ended_at or show.ends_at).isoformat(),
    }
    if show.stream_url:
        broadcast["videoFormat"] = "HD"
        broadcast["url"] = show.stream_url
    data["subEvent"] = broadcast
    return data


def show_page_meta(request, show: LiveShow) -> seo.PageMeta:
    return seo.page_meta(
        request,
        title=show.title,
        description=seo.plain_text(show.description)
        or _("A live drop by %(name)s on Commonmade.") % {"name": show.host.public_name},
        trail=((_("Live drops"), "live:list"), (show.title, None)),
        structured_data=[show_event(request, show)],
    )
