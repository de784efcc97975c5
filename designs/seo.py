"""What a design page tells search engines and share previews: a CreativeWork by its maker."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core import seo
from designs.models import Design
from designs.signals import design_structured_data


def design_creative_work(request, design: Design) -> dict:
    cover = design.cover
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": design.title,
        "url": seo.absolute(request, design.get_absolute_url()),
        "description": seo.plain_text(design.description, limit=0),
        "author": seo.person(request, design.maker),
        "genre": design.category.label,
        "keywords": ", ".join(tag.name for tag in design.tags.all()),
        "dateCreated": design.created_at.isoformat(),
        "dateModified": design.updated_at.isoformat(),
        "isFamilyFriendly": not design.mature,
    }
    if design.approved_at:
        data["datePublished"] = design.approved_at.isoformat()
    if cover is not None:
        data["image"] = seo.image_url(request, cover.image)
    for _receiver, extra in design_structured_data.send(sender=Design, design=design, request=request):
        if extra:
            data.update(extra)
    return {key: value for key, value in data.items() if value not in ("", None)}


def design_page_meta(request, design: Design) -> seo.PageMeta:
    cover = design.cover
    return seo.page_meta(
        request,
        title=design.title,
        description=seo.plain_text(design.description)
        or _("%(title)s by %(maker)s, a design on Commonmade.")
        % {"title": design.title, "maker": design.maker.public_name},
        trail=((_("Designs"), "designs:list"), (design.title, None)),
        image=cover.image if cover else None,
        image_alt=cover.alt if cover else design.title,
        og_type="article",
        structured_data=[design_creative_work(request, design)] if design.is_public else [],
        noindex=not design.is_public,
    )
