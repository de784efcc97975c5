"""Template tags other apps use to show community features on their pages.

{% load community_tags %}
{% comments_for design %}      threaded comments with the form, server-rendered
{% flag_button design %}       a report form for any item
{% follow_button design.maker %}
"""

from __future__ import annotations

from django import template
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import max_thread_level_for_content_type

from community import selectors
from community.forms import FlagForm

register = template.Library()


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("community/comments/section.html", takes_context=True)
def comments_for(context, obj):
    viewer = _viewer(context)
    signed_in = viewer is not None and viewer.is_authenticated
    standing = selectors.member_standing(user=viewer)
    verified = signed_in and standing.verified
    suspended = standing.suspended_until if signed_in else None
    tree = selectors.comment_tree(obj=obj, viewer=viewer)
    return {
        "request": context.get("request"),
        "user": viewer,
        "target": obj,
        "target_token": selectors.sign_target(obj),
        "nodes": tree,
        "count": sum(1 for _ in _walk(tree)),
        "max_level": max_thread_level_for_content_type(ContentType.objects.get_for_model(obj)),
        "signed_in": signed_in,
        "can_comment": verified and not suspended,
        "verified": verified,
        "suspended_until": suspended,
        "can_flag": signed_in and standing.trust_level >= 1,
        "flag_reasons": FlagForm.base_fields["reason"].choices,
    }


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.children)


@register.inclusion_tag("community/flag_button.html", takes_context=True)
def flag_button(context, obj):
    viewer = _viewer(context)
    signed_in = viewer is not None and viewer.is_authenticated
    author = selectors.author_of(obj)
    own = signed_in and author is not None and author.pk == viewer.pk
    already = False
    if signed_in and not own:
        from community.models import Flag

        already = Flag.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, flagger_id=viewer.pk
        ).exists()
    return {
        "request": context.get("request"),
        "show": signed_in and not own,
        "already": already,
        "target_token": selectors.sign_target(obj),
        "flag_reasons": FlagForm.base_fields["reason"].choices,
        "dom_id": f"flag-{ContentType.objects.get_for_model(obj).pk}-{obj.pk}",
    }


def follow_button_context(request, maker, *, next_url: str | None = None) -> dict:
    """What the follow button shows; also used by the follow view to answer fetch() with a fresh button."""
    viewer = getattr(request, "user", None)
    signed_in = viewer is not None and viewer.is_authenticated
    count, following = selectors.follow_state(viewer=viewer, maker=maker)
    return {
        "request": request,
        "next": next_url if next_url is not None else (request.get_full_path() if request is not None else "/"),
        "maker": maker,
        "own": signed_in and viewer.pk == maker.pk,
        "signed_in": signed_in,
        "following": signed_in and following,
        "count": count,
    }


@register.inclusion_tag("community/follow_button.html", takes_context=True)
def follow_button(context, maker):
    return follow_button_context(context.get("request"), maker)


@register.filter
def target_token(obj) -> str:
    return selectors.sign_target(obj)


@register.filter
def object_url(obj) -> str:
    """An object's page, or an empty string when it has none (yet)."""
    try:
        return obj.get_absolute_url()
    except Exception:  # noqa: BLE001
        return ""
