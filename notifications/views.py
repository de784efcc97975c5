"""Thin views: a member's notifications, their delivery settings, web push and one-click unsubscribe."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.models import User
from core import params
from core.http import safe_next_url, wants_json
from core.i18n import path_in_language
from notifications import selectors, services
from notifications.forms import NotificationPreferencesForm
from notifications.models import Notification, NotificationPreference
from notifications.services import NOTIFICATION_GROUPS, read_unsubscribe_token


def _problem(request, *, status: int, message: str):
    if wants_json(request):
        return JsonResponse({"ok": False, "error": message}, status=status)
    return render(request, "core/problem.html", {"message": message, "back": "/"}, status=status)


@login_required
def notification_settings(request):
    current = dict(NotificationPreference.objects.filter(user=request.user).values_list("kind", "delivery"))
    form = NotificationPreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_set(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:notification_settings")
    from notifications.webpush import push_enabled

    context = {
        "form": form,
        "push_key": settings.WEBPUSH_VAPID_PUBLIC_KEY if push_enabled() else "",
        "push_count": request.user.push_subscriptions.count() if push_enabled() else 0,
    }
    return render(request, "notifications/notification_settings.html", context)


@login_required
@require_POST
def push_subscription(request, action):
    """The browser's push subscription (JSON, as PushSubscription.toJSON() gives it); 404 while push is off."""
    import json

    from notifications.webpush import push_enabled, push_subscribe, push_unsubscribe

    if not push_enabled():
        raise Http404
    try:
        data = json.loads(request.body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        return JsonResponse({"ok": False, "error": _("Please send the subscription as JSON.")}, status=400)
    if action == "unsubscribe":
        return JsonResponse({"ok": True, "removed": push_unsubscribe(user=request.user, endpoint=data.get("endpoint"))})
    try:
        push_subscribe(user=request.user, data=data)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"ok": True})


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_of(user=request.user), 30).get_page(params.page_number(request))
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request):
    ids = None
    if request.POST.get("id"):
        notification_id = params.integer(request.POST, "id", minimum=1)
        if notification_id is None:
            return _problem(request, status=400, message=_("Unknown notification."))
        ids = [notification_id]
    services.notifications_mark_read(user=request.user, ids=ids)
    if wants_json(request):
        return JsonResponse({"ok": True, "unread": selectors.unread_count(user=request.user)})
    return redirect("notifications:notification_list")


@login_required
def notification_open(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    url = safe_next_url(
        request, path_in_language(notification.url, get_language()), fallback=reverse("notifications:notification_list")
    )
    return HttpResponseRedirect(url)


@csrf_exempt  # the signed token is the credential; mail clients POST here for one-click unsubscribe
def unsubscribe(request, token: str):
    try:
        user_id, group = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(
            request,
            "core/problem.html",
            {"message": _("This unsubscribe link is not valid."), "back": "/"},
            status=400,
        )
    user = get_object_or_404(User, pk=user_id)
    label = _("all emails") if group == "all" else NOTIFICATION_GROUPS[group][0]
    done = False
    if request.method == "POST":
        services.notifications_unsubscribe(user=user, group=group)
        done = True
    return render(request, "notifications/unsubscribe.html", {"label": label, "done": done, "token": token})
