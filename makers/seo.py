"""What a storefront tells search engines: a ProfilePage about the maker as a Person."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from core import seo


def maker_profile_page(request, maker: User, profile) -> dict:
    person = seo.person(request, maker)
    bio = seo.plain_text(profile.bio, limit=0)
    if bio:
        person["description"] = bio
    if profile.avatar_id:
        person["image"] = seo.image_url(request, profile.avatar, "fill-240x240|format-webp")
    same_as = [profile.website] if profile.website else []
    if profile.instagram:
        same_as.append(f"https://www.instagram.com/{profile.instagram}/")
    if same_as:
        person["sameAs"] = same_as
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": seo.current_url(request),
        "name": maker.public_name,
        "dateCreated": maker.date_joined.isoformat() if getattr(maker, "date_joined", None) else None,
        "mainEntity": person,
    }


def storefront_page_meta(request, maker: User, profile) -> seo.PageMeta:
    data = maker_profile_page(request, maker, profile)
    data = {key: value for key, value in data.items() if value is not None}
    return seo.page_meta(
        request,
        title=maker.public_name,
        description=seo.plain_text(profile.bio)
        or _("Designs and products by %(name)s on Commonmade.") % {"name": maker.public_name},
        trail=((_("Makers"), "makers:list"), (maker.public_name, None)),
        image=profile.avatar if profile.avatar_id else None,
        image_alt=maker.public_name,
        og_type="profile",
        structured_data=[data],
    )
