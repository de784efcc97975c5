"""Pages of live drops. Every change goes through live.services; without JavaScript every action is a form post."""

from __future__ import annotations

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import params, seo
from core.http import safe_next_url, wants_json
from core.money import format_money
from core.ratelimit import RateLimited
from live import realtime, selectors, services
from live.forms import ChatForm, ChatRemoveForm, PinForm, ShelfOfferForm, ShowForm, TimeoutForm, TipForm
from live.models import ChatMessage, Tip, TipStatus
from live.seo import show_page_meta
from shop import gateway
from shop import rules as shop_rules
from shop.errors import PaymentError
from shop.forms import TestPayForm

# The players the stream is embedded from (Wagtail embeds), allowed on a drop's page only.
STREAM_CSP = {
    "frame-src": [
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.twitch.tv",
        "https://player.vimeo.com",
    ]
}


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, RateLimited):
        return exc.message
    return str(exc) or _("This is not allowed.")


def _status_for(exc: Exception) -> int:
    if isinstance(exc, RateLimited):
        return 429
    if isinstance(exc, PermissionDenied):
        return 403
    return 400


def _show_or_404(slug: str):
    show = selectors.show_by_slug(slug=slug)
    if show is None:
        raise Http404(_("No live drop here."))
    return show


def show_list(request):
    context = {
        "now": selectors.shows_now()[:12],
        "upcoming": selectors.shows_upcoming()[:24],
        "past": selectors.shows_past()[:24],
        "can_schedule": selectors.can_schedule(user=request.user),
        "seo": seo.page_meta(
            request,
            title=_("Live drops"),
            description=_("Makers show their new work live: watch, chat, tip and buy from the shelf."),
            trail=((_("Live drops"), None),),
        ),
    }
    return render(request, "live/show_list.html", context)


@csp_update(STREAM_CSP)
def show_detail(request, slug):
    show = _show_or_404(slug)
    user = request.user
    runner = selectors.can_run(user=user, show=show)
    context = {
        "show": show,
        "shelf": selectors.shelf_products(show=show),
        "chat": selectors.chat_history(show=show),
        "pins": selectors.pin_timeline(show=show) if show.is_over else [],
        "can_run": runner,
        "can_moderate": selectors.can_moderate_chat(user=user, show=show),
        "chat_form": ChatForm(),
        "tip_amounts": services.tip_amounts(),
        "tips": selectors.tips_total(show=show),
        "live_updates": realtime.transport_available(),
        "timeout_form": TimeoutForm() if runner else None,
        "max_quantity": shop_rules.MAX_QUANTITY,
        "seo": show_page_meta(request, show),
    }
    return render(request, "live/show_detail.html", context)


def chat_since(request, slug):
    """New chat lines and the pinned product as JSON: the page's fallback while the push channel is down."""
    show = _show_or_404(slug)
    after = params.integer(request.GET, "after", 0, minimum=0) or 0
    lines = selectors.chat_history(show=show, after_id=after, limit=50)
    return JsonResponse(
        {
            "messages": [{"id": m.pk, "html": services.message_html(m)} for m in lines],
            "pinned": show.pinned_product_id,
            "tips": selectors.tips_total(show=show)["count"],
            "status": show.status,
        }
    )


@login_required
def show_create(request):
    if not selectors.can_schedule(user=request.user):
        raise PermissionDenied(_("Only makers and editors can schedule live drops."))
    form = ShowForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            show = services.show_schedule(
                by=request.user,
                product_ids=[p.pk for p in form.cleaned_data["products"]],
                **{k: form.cleaned_data[k] for k in ShowForm.Meta.fields},
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Your live drop is scheduled; your followers were told."))
            return redirect(show.get_absolute_url())
    return render(request, "live/show_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def show_edit(request, slug):
    show = _show_or_404(slug)
    if not selectors.can_run(user=request.user, show=show):
        raise PermissionDenied(_("Only the host of this drop can do this."))
    form = ShowForm(request.POST or None, instance=show, user=request.user, host=show.host)
    if request.method == "POST" and form.is_valid():
        try:
            services.show_update(
                show=show,
                by=request.user,
                product_ids=[p.pk for p in form.cleaned_data["products"]],
                **{k: form.cleaned_data[k] for k in ShowForm.Meta.fields},
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The drop was saved."))
            return redirect(show.get_absolute_url())
    return render(request, "live/show_form.html", {"form": form, "show": show}, status=400 if form.errors else 200)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _answer(request, show, *, ok: str | None = None, error: Exception | None = None, anchor: str = "", **data):
    """JSON for the page's fetch() calls, a redirect with a message for plain form posts."""
    if wants_json(request):
        if error is not None:
            return JsonResponse({"ok": False, "error": _error_text(error)}, status=_status_for(error))
        return JsonResponse({"ok": True, "message": ok or "", **data})
    if error is not None:
        messages.error(request, _error_text(error))
    elif ok:
        messages.success(request, ok)
    back = safe_next_url(request, request.POST.get("next"), fallback=show.get_absolute_url())
    return HttpResponseRedirect(back + anchor)


@login_required
@require_POST
def show_control(request, slug, action):
    show = _show_or_404(slug)
    done = {
        "start": (services.show_start, _("You are live. Your followers are being told.")),
        "end": (services.show_end, _("The drop has ended; its replay stays on this page.")),
    }
    try:
        if action == "cancel":
            show, failed = services.show_cancel(show=show, by=request.user)
            text = _("The drop was cancelled and its tips refunded.")
            if failed:
                text = _(
                    "The drop was cancelled; %(n)s tips could not be refunded yet: cancel again later to retry."
                ) % {"n": failed}
            return _answer(request, show, ok=text)
        service, text = done[action]
        service(show=show, by=request.user)
    except (PermissionDenied, ValidationError) as exc:
        return _answer(request, show, error=exc)
    return _answer(request, show, ok=text)


@login_required
@require_POST
def show_pin(request, slug):
    show = _show_or_404(slug)
    form = PinForm(request.POST)
    try:
        if not form.is_valid():
            services.show_pin_check(show=show, by=request.user)  # who may pin is refused first, as ever
            raise ValidationError(services.not_on_shelf_message())
        show = services.show_pin(show=show, by=request.user, product=form.cleaned_data["product"])
    except (PermissionDenied, ValidationError) as exc:
        return _answer(request, show, error=exc)
    text = _("Pinned: %(title)s") % {"title": show.pinned_product.title} if show.pinned_product else _("Unpinned.")
    return _answer(request, show, ok=text, anchor="#shelf", pinned=show.pinned_product_id)


@login_required
@require_POST
def shelf_offer(request, slug, product_id):
    """The host sets a shelf product's drop price and quantity (empty fields: none)."""
    show = _show_or_404(slug)
    form = ShelfOfferForm(request.POST)
    try:
        if not form.is_valid():
            services.shelf_offer_check(show=show, by=request.user, product_id=product_id)  # refused first, as ever
            raise ValidationError(form.errors.as_data())
        services.shelf_offer_set(
            show=show,
            by=request.user,
            product_id=product_id,
            drop_price=form.cleaned_data["drop_price"],
            drop_quantity=form.cleaned_data["drop_quantity"],
        )
    except (PermissionDenied, ValidationError) as exc:
        return _answer(request, show, error=exc, anchor="#shelf")
    return _answer(request, show, ok=_("The drop offer was saved."), anchor="#shelf")


@require_POST
def chat_post(request, slug):
    show = _show_or_404(slug)
    if not request.user.is_authenticated:
        return _answer(request, show, error=PermissionDenied(_("Please log in to chat.")), anchor="#chat")
    form = ChatForm(request.POST)
    if not form.is_valid():
        return _answer(request, show, error=ValidationError(_("Please write a message.")), anchor="#chat")
    try:
        message = services.chat_post(show=show, author=request.user, text=form.cleaned_data["text"])
    except (PermissionDenied, ValidationError, RateLimited) as exc:
        return _answer(request, show, error=exc, anchor="#chat")
    return _answer(request, show, anchor=f"#m{message.pk}", id=message.pk, html=services.message_html(message))


@login_required
@require_POST
def chat_remove(request, slug, pk):
    show = _show_or_404(slug)
    message = get_object_or_404(ChatMessage, pk=pk, show=show)
    try:
        form = ChatRemoveForm(request.POST)
        form.is_valid()  # the reason is optional free text: it always reads
        services.chat_remove(message=message, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except (PermissionDenied, ValidationError) as exc:
        return _answer(request, show, error=exc, anchor="#chat")
    return _answer(request, show, ok=_("The message was removed."), anchor="#chat")


@login_required
def chat_report(request, slug, pk):
    """A page with the community's flag form for one chat message (the same flags and queue as comments)."""
    show = _show_or_404(slug)
    message = get_object_or_404(ChatMessage.objects.select_related("author"), pk=pk, show=show)
    return render(request, "live/chat_report.html", {"show": show, "message": message})


@login_required
@require_POST
def chat_timeout(request, slug):
    show = _show_or_404(slug)
    form = TimeoutForm(request.POST)
    if not form.is_valid():
        return _answer(request, show, error=ValidationError(form.first_error()), anchor="#chat")
    member = form.cleaned_data["member"]
    try:
        services.chat_timeout(show=show, member=member, by=request.user, minutes=form.cleaned_data["minutes"])
    except (PermissionDenied, ValidationError) as exc:
        return _answer(request, show, error=exc, anchor="#chat")
    return _answer(
        request,
        show,
        ok=_("@%(handle)s cannot chat for %(n)s minutes.")
        % {"handle": member.handle, "n": form.cleaned_data["minutes"]},
        anchor="#chat",
    )


# --- tips -------------------------------------------------------------------------------------


@login_required
@require_POST
def tip_start(request, slug):
    show = _show_or_404(slug)
    try:
        form = TipForm(request.POST)
        form.is_valid()  # the amount never fails to read: a non-number is None, refused by the service
        tip = services.tip_create(show=show, tipper=request.user, amount=form.cleaned_data["amount"])
    except (PermissionDenied, ValidationError, RateLimited) as exc:
        return _answer(request, show, error=exc, anchor="#tips")
    return redirect("live:tip_pay", number=tip.number)


def _own_tip(request, number) -> Tip:
    tip = Tip.objects.select_related("show", "show__host").filter(number=number, tipper=request.user).first()
    if tip is None:
        raise Http404(_("No such tip."))
    return tip


@login_required
@csp_update(settings.STRIPE_CSP)
def tip_pay(request, number):
    tip = _own_tip(request, number)
    if tip.status in (TipStatus.PAID, TipStatus.REFUNDED):
        return redirect(tip.show.get_absolute_url() + "#tips")
    test_mode = gateway.test_payments_enabled()
    client_secret = ""
    if not test_mode:
        try:
            tip = services.tip_ensure_intent(tip=tip)
            client_secret = services.tip_client_secret(tip=tip)
        except PaymentError as exc:
            messages.error(request, _error_text(exc))
            return redirect(tip.show.get_absolute_url() + "#tips")
    context = {
        "tip": tip,
        "show": tip.show,
        "test_mode": test_mode,
        "client_secret": client_secret,
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "stripe_js_url": settings.STRIPE_JS_URL,
        "return_url": request.build_absolute_uri(reverse("live:tip_done", kwargs={"number": tip.number})),
    }
    return render(request, "live/tip_pay.html", context)


@login_required
@require_POST
def tip_test_pay(request, number):
    tip = _own_tip(request, number)
    form = TestPayForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["card"]))
        return redirect("live:tip_pay", number=tip.number)
    try:
        tip = services.tip_test_pay(tip=tip, user=request.user, payment_method=form.cleaned_data["card"])
    except PermissionDenied as exc:
        return HttpResponse(str(exc), status=403)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("live:tip_pay", number=tip.number)
    if tip.status == TipStatus.PAID:
        messages.success(request, _("Thank you for your tip of %(amount)s!") % {"amount": format_money(tip.amount)})
    return redirect(tip.show.get_absolute_url() + "#chat")


@login_required
def tip_done(request, number):
    """Stripe.js returns here after the card step; the tip's state is read from Stripe, never from the address."""
    tip = _own_tip(request, number)
    try:
        tip = services.tip_apply_intent(tip=tip)
    except PaymentError as exc:
        messages.error(request, _error_text(exc))
    if tip.status == TipStatus.PAID:
        messages.success(request, _("Thank you for your tip!"))
    return redirect(tip.show.get_absolute_url() + "#chat")


@csrf_exempt
@require_POST
def stripe_webhook(request):
    status, message = services.tip_webhook_handle(
        payload=request.body, signature=request.headers.get("Stripe-Signature")
    )
    return HttpResponse(message, status=status, content_type="text/plain")
