"""What challenge pages tell search engines: the entries (or results) as an ordered ItemList."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core import seo
from voting.models import Challenge


def challenge_page_meta(request, challenge: Challenge, entries) -> seo.PageMeta:
    heading = _("Results") if challenge.closed_at else _("Entries")
    items = seo.item_list(
        request,
        [(entry.design.title, entry.design.get_absolute_url()) for entry in entries],
        name=f"{challenge.local_title}: {heading}",
    )
    cover = next((entry.design.cover for entry in entries if entry.design.cover), None)
    return seo.page_meta(
        request,
        title=challenge.local_title,
        description=seo.plain_text(challenge.local_brief)
        or _("A design challenge on Commonmade: enter your designs and vote on others."),
        trail=((_("Challenges"), "voting:challenge_list"), (challenge.local_title, None)),
        image=cover.image if cover else None,
        image_alt=cover.alt if cover else challenge.local_title,
        structured_data=[items] if entries else [],
    )
