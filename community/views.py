"""Thin views: parse input, call a service or selector, answer as HTML or (for fetch) JSON."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_comments_xtd.models import XtdComment

from community import selectors, services
from community.forms import CommentEditForm, CommentForm, FlagForm
from community.templatetags.community_tags import fill_thread_marks, follow_button_context
from core import params
from core.http import safe_next_url, wants_json
from core.ratelimit import RateLimited


def _back(request, fallback: str = "/") -> str:
    return safe_next_url(
        request, request.POST.get("next"), request.GET.get("next"), request.headers.get("Referer"), fallback=fallback
    )


def _object_url(obj) -> str:
    try:
        return obj.get_absolute_url()
    except Exception:  # noqa: BLE001 (not every commented object has a page)
        return "/"


def _problem(request, *, status: int, message: str, back: str = "/", text: str = ""):
    """A clear answer for refused input: JSON for fetch, a small page otherwise."""
    if wants_json(request):
        return JsonResponse({"ok": False, "error": message}, status=status)
    return render(request, "core/problem.html", {"message": message, "back": back, "text": text}, status=status)


def _error_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, RateLimited):
        return exc.message
    return str(exc) or _("You are not allowed to do this.")


# --- comments ---------------------------------------------------------------------------


@require_POST
def comment_post(request):
    form = CommentForm(request.POST)
    target = selectors.target_from_token(request.POST.get("target", ""))
    if target is None:
        return _problem(request, status=400, message=_("This page cannot take comments."))
    back = _object_url(target)
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        return _problem(request, status=400, message=message, back=back, text=request.POST.get("comment", ""))
    parent = None
    if form.cleaned_data["parent"]:
        parent = XtdComment.norel_objects.filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            return _problem(request, status=400, message=_("The comment you answer no longer exists."), back=back)
    try:
        comment = services.comment_post(
            author=request.user,
            target=target,
            text=form.cleaned_data["comment"],
            parent=parent,
            followup=form.cleaned_data["followup"],
        )
    except RateLimited as exc:
        return _problem(request, status=429, message=exc.message, back=back, text=form.cleaned_data["comment"])
    except PermissionDenied as exc:
        return _problem(request, status=403, message=_error_message(exc), back=back)
    except ValidationError as exc:
        return _problem(request, status=400, message=_error_message(exc), back=back, text=form.cleaned_data["comment"])
    if wants_json(request):
        node = selectors.CommentNode(
            comment=comment, is_maker=selectors.maker_id_of(target) == request.user.pk, can_edit=True
        )
        html = fill_thread_marks(
            render_to_string("community/comments/comment.html", {"node": node, "max_level": _max_level(target)}),
            request=request,
            authors={comment.pk: (comment.user_id, comment.submit_date.timestamp())},
            can_comment=True,
            can_flag=False,
            liked=set(),
            flagged=set(),
        )
        return JsonResponse({"ok": True, "id": comment.pk, "parent": parent.pk if parent else None, "html": html})
    messages.success(request, _("Thank you, your comment is online."))
    return HttpResponseRedirect(f"{back}#c{comment.pk}")


def _max_level(target) -> int:
    from django.contrib.contenttypes.models import ContentType
    from django_comments_xtd.models import max_thread_level_for_content_type

    return max_thread_level_for_content_type(ContentType.objects.get_for_model(target))


def comment_edit(request, pk: int):
    comment = get_object_or_404(XtdComment.norel_objects.select_related("content_type"), pk=pk)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    target = comment.content_object
    back = _object_url(target) if target is not None else "/"
    form = CommentEditForm(request.POST or None, initial={"comment": comment.comment})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, editor=request.user, text=form.cleaned_data["comment"])
        except PermissionDenied as exc:
            return _problem(request, status=403, message=_error_message(exc), back=back)
        except ValidationError as exc:
            form.add_error("comment", exc.messages[0])
        else:
            messages.success(request, _("Your comment is updated."))
            return HttpResponseRedirect(f"{back}#c{comment.pk}")
    elif request.method != "POST" and comment.user_id != request.user.pk:
        return _problem(request, status=403, message=_("Only the author can edit this comment."), back=back)
    return render(request, "community/comment_edit.html", {"form": form, "comment": comment, "back": back})


def _answerable_comment(request, pk: int):
    """A comment shown on its target's page (public, not removed), with that target; else 404."""
    comment = get_object_or_404(
        XtdComment.norel_objects.select_related("content_type", "user"), pk=pk, is_public=True, is_removed=False
    )
    target = comment.content_object
    if target is None or getattr(target, "is_public", True) is False:
        raise Http404(_("No such comment."))
    return comment, target


def comment_reply(request, pk: int):
    """The reply form for one comment on a page of its own: where the design page's script does not run."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    comment, target = _answerable_comment(request, pk)
    back = _object_url(target)
    standing = selectors.member_standing(user=request.user)
    if not standing.verified or standing.suspended_until or comment.level >= _max_level(target):
        return _problem(request, status=403, message=_("You cannot answer this comment."), back=back)
    context = {"comment": comment, "back": back, "target_token": selectors.sign_target(target)}
    return render(request, "community/comment_reply.html", context)


def comment_flag(request, pk: int):
    """The flag form for one comment on a page of its own: where the design page's script does not run."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    comment, target = _answerable_comment(request, pk)
    back = _object_url(target)
    if comment.user_id == request.user.pk or selectors.member_standing(user=request.user).trust_level < 1:
        return _problem(request, status=403, message=_("You cannot flag this comment."), back=back)
    context = {
        "comment": comment,
        "back": back,
        "next": f"{back}#c{comment.pk}",
        "target_token": selectors.sign_target(comment),
        "flag_reasons": FlagForm.base_fields["reason"].choices,
        "dom_id": f"c{comment.pk}",
    }
    return render(request, "community/comment_flag.html", context)


@require_POST
def comment_like(request, pk: int):
    comment = get_object_or_404(XtdComment.norel_objects, pk=pk)
    back = _back(request)
    try:
        liked, count = services.comment_like_toggle(comment=comment, user=request.user)
    except PermissionDenied as exc:
        return _problem(request, status=403, message=_error_message(exc), back=back)
    if wants_json(request):
        html = render_to_string(
            "community/comments/like_form.html",
            {"comment": comment, "liked": liked, "like_count": count, "can_like": True},
            request=request,
        )
        return JsonResponse({"ok": True, "liked": liked, "count": count, "html": html})
    return HttpResponseRedirect(f"{back.split('#')[0]}#c{comment.pk}")


# --- flags --------------------------------------------------------------------------------


@require_POST
def flag_create(request):
    target = selectors.target_from_token(request.POST.get("target", ""))
    if target is None:
        return _problem(request, status=400, message=_("This cannot be flagged."))
    back = _back(request)
    form = FlagForm(request.POST)
    if not form.is_valid():
        return _problem(request, status=400, message=_("Please choose a reason."), back=back)
    try:
        services.flag_create(
            flagger=request.user, target=target, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
        )
    except RateLimited as exc:
        return _problem(request, status=429, message=exc.message, back=back)
    except PermissionDenied as exc:
        return _problem(request, status=403, message=_error_message(exc), back=back)
    except ValidationError as exc:
        return _problem(request, status=400, message=_error_message(exc), back=back)
    message = _("Thank you. The moderators will look at it.")
    if wants_json(request):
        html = render_to_string("community/flag_done.html", {"message": message}, request=request)
        return JsonResponse({"ok": True, "message": message, "html": html})
    messages.success(request, message)
    return HttpResponseRedirect(back)


# --- members, follows, feed ---------------------------------------------------------------


def member_profile(request, handle: str):
    member = selectors.member_by_handle(handle=handle)
    if member is None:
        raise Http404(_("No member with this handle."))
    if member.handle != handle:
        return redirect("community:member", handle=member.handle, permanent=True)
    designs = getattr(member, "designs", None)
    public_designs = []
    if designs is not None:
        candidates = designs.all()[:48]
        public_designs = [d for d in candidates if getattr(d, "is_public", True)][:24]
    context = {
        "member": member,
        "profile": member.profile,
        "trust_level": member.profile.trust_level,
        "comments": selectors.member_comments(user=member),
        "designs": public_designs,
        "follower_count": selectors.follower_count(user=member),
    }
    return render(request, "community/member_profile.html", context)


@require_POST
def follow_toggle(request, handle: str):
    maker = selectors.member_by_handle(handle=handle)
    if maker is None:
        raise Http404
    back = _back(request, fallback=reverse("community:member", kwargs={"handle": maker.handle}))
    try:
        if request.POST.get("action") == "unfollow":
            services.unfollow(follower=request.user, maker=maker)
            following = False
        else:
            services.follow(follower=request.user, maker=maker)
            following = True
    except PermissionDenied as exc:
        return _problem(request, status=403, message=_error_message(exc), back=back)
    except ValidationError as exc:
        return _problem(request, status=400, message=_error_message(exc), back=back)
    count = selectors.follower_count(user=maker)
    message = (
        _("You follow %(name)s now.") % {"name": maker.public_name}
        if following
        else _("You no longer follow %(name)s.") % {"name": maker.public_name}
    )
    if wants_json(request):
        html = render_to_string(
            "community/follow_button.html", follow_button_context(request, maker, next_url=back), request=request
        )
        return JsonResponse({"ok": True, "following": following, "count": count, "message": message, "html": html})
    messages.success(request, message)
    return HttpResponseRedirect(back)


@login_required
def feed(request):
    page = Paginator(selectors.feed_for(user=request.user), 24).get_page(params.page_number(request))
    activities = selectors.visible_activities(page.object_list)
    return render(request, "community/feed.html", {"page": page, "activities": activities})


# --- moderation log --------------------------------------------------------------------------


def moderation_log(request):
    page = Paginator(selectors.public_moderation_log(), 50).get_page(params.page_number(request))
    return render(request, "community/moderation_log.html", {"page": page})
