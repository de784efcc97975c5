"""Template tags other apps use to show community features on their pages.

{% load community_tags %}
{% comments_for design %}      threaded comments with the form, server-rendered
{% flag_button design %}       a report form for any item
{% follow_button design.maker %}
"""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.contrib.contenttypes.models import ContentType
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django_comments_xtd.models import max_thread_level_for_content_type

from community import rules as community_rules
from community import selectors
from community.forms import FlagForm
from core import fragcache

register = template.Library()


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("community/comments/section.html", takes_context=True)
def comments_for(context, obj):
    request = context.get("request")
    viewer = _viewer(context)
    signed_in = viewer is not None and viewer.is_authenticated
    standing = selectors.member_standing(user=viewer)
    verified = signed_in and standing.verified
    suspended = standing.suspended_until if signed_in else None
    content_type = ContentType.objects.get_for_model(obj)
    max_level = max_thread_level_for_content_type(content_type)
    marks: dict[str, set[int]] = {}

    def render() -> dict:
        # The viewer's likes and flags come with the comments (one query); the HTML stays neutral.
        tree = selectors.comment_tree(obj=obj, viewer=viewer)
        nodes = list(_walk(tree))
        marks["liked"] = {n.comment.pk for n in nodes if n.liked}
        marks["flagged"] = {n.comment.pk for n in nodes if n.flagged}
        return {
            "html": render_to_string("community/comments/thread.html", {"nodes": tree, "max_level": max_level}),
            "count": len(nodes),
            "authors": {n.comment.pk: (n.comment.user_id, n.comment.submit_date.timestamp()) for n in nodes},
        }

    version = fragcache.version(selectors.thread_version_name(content_type_id=content_type.pk, object_pk=obj.pk))
    thread = fragcache.cached("comments", (content_type.pk, obj.pk, version), render)
    if "liked" not in marks:  # from the cache: the viewer's own marks, one query
        marks["liked"], marks["flagged"] = selectors.viewer_comment_marks(obj=obj, viewer=viewer)
    can_comment = verified and not suspended
    can_flag = signed_in and standing.trust_level >= 1
    return {
        "request": request,
        "user": viewer,
        "target": obj,
        "target_token": selectors.sign_target(obj),
        "thread": fill_thread_marks(
            thread["html"],
            request=request,
            authors=thread["authors"],
            can_comment=can_comment,
            can_flag=can_flag,
            liked=marks["liked"],
            flagged=marks["flagged"],
        ),
        "count": thread["count"],
        "signed_in": signed_in,
        "can_comment": can_comment,
        "verified": verified,
        "suspended_until": suspended,
        "can_flag": can_flag,
        "flag_reasons": FlagForm.base_fields["reason"].choices,
    }


def fill_thread_marks(
    html: str,
    *,
    request,
    authors: dict[int, tuple[int | None, float]],
    can_comment: bool,
    can_flag: bool,
    liked: set[int],
    flagged: set[int],
) -> SafeString:
    """A thread rendered for everyone (comments/comment.html), with this viewer's marks: the CSRF
    field and pressed or disabled like buttons, edit links on their own recent comments, reply and
    flag controls when they may use them. Plain forms and links: no script needed."""
    user = getattr(request, "user", None)
    me = user.pk if user is not None and user.is_authenticated else None
    edit_after = (timezone.now() - timedelta(minutes=community_rules.COMMENT_EDIT_MINUTES)).timestamp()
    csrf = (
        format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
        if (can_comment and request is not None)
        else ""
    )

    def own(pk: int) -> bool:
        return me is not None and authors.get(pk, (None, 0))[0] == me

    def like(pk: int | None) -> str:
        pressed = "true" if pk in liked else "false"
        return f' aria-pressed="{pressed}"' + ("" if can_comment and not own(pk) else " disabled")

    html = fragcache.fill_marks(
        html,
        values={"csrf": lambda _pk: csrf, "like": like},
        sections={
            "edit": lambda pk: own(pk) and authors[pk][1] >= edit_after,
            "reply": lambda _pk: can_comment,
            "flag": lambda pk: can_flag and not own(pk) and pk not in flagged,
            "flagged": lambda pk: can_flag and not own(pk) and pk in flagged,
        },
    )
    return mark_safe(html)  # noqa: S308 (rendered, autoescaped templates and our own attributes)


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
