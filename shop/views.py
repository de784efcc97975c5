from __future__ import annotations

from decimal import Decimal, InvalidOperation

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from community import seo
from community.referrals import referrer_from_request
from core.http import safe_next_url, wants_json
from designs.models import Category, Design
from shop import payments, selectors, services
from shop.cart import MemberCart, get_cart
from shop.forms import ReviewForm
from shop.models import Product, ProductType, Review
from shop.seo import product_page_meta


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def product_list(request):
    try:
        max_price = Decimal(request.GET["max_price"]) if request.GET.get("max_price") else None
    except InvalidOperation:
        max_price = None
    filters = {
        "product_type": request.GET.get("type", "") if request.GET.get("type") in ProductType.values else "",
        "category": request.GET.get("category", "")[:50],
        "max_price": max_price,
        "sort": request.GET.get("sort", ""),
    }
    page = Paginator(selectors.product_list(**filters), 24).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "product_types": ProductType.choices,
        "categories": Category.objects.all(),
        "favourites": selectors.favourite_keys(user=request.user),
        "seo": seo.page_meta(
            request,
            title=_("Shop"),
            description=_("Products made from the designs the Commonmade community chose."),
            trail=((_("Shop"), None),),
        ),
    }
    return render(request, "shop/product_list.html", context)


def product_detail(request, slug):
    product = selectors.product_detail(slug=slug, user=request.user)
    if product is None:
        raise Http404(_("No such product."))
    campaign = selectors.running_campaign(product=product)
    variants = list(product.variants.all())
    rating = selectors.product_rating(product=product)
    reviews = list(selectors.product_reviews(product=product)[:50])
    context = {
        "product": product,
        "variants": variants,
        "rating": rating,
        "reviews": reviews,
        "progress": selectors.campaign_progress(campaign=campaign) if campaign else None,
        "can_review": selectors.review_eligible_line(user=request.user, product=product) is not None,
        "is_maker": request.user.is_authenticated and request.user.pk == product.design.maker_id,
        "is_supporter": selectors.is_supporter(product=product, user=request.user),
        "favourites": selectors.favourite_keys(user=request.user),
        "max_quantity": settings.SHOP_MAX_QUANTITY,
        "seo": product_page_meta(
            request, product, variants=variants, rating=rating, reviews=reviews, campaign=campaign
        ),
    }
    return render(request, "shop/product_detail.html", context)


def cart_view(request):
    summary = selectors.cart_summary(items=get_cart(request).items())
    return render(request, "shop/cart.html", {"cart": summary, "max_quantity": settings.SHOP_MAX_QUANTITY})


@require_POST
def cart_add(request):
    cart = get_cart(request)
    try:
        variant, quantity = services.cart_add(
            cart=cart,
            user=request.user,
            variant_id=request.POST.get("variant"),
            quantity=request.POST.get("quantity", "1"),
            claimed_price=request.POST.get("price"),
        )
    except ValidationError as exc:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": _error_text(exc)}, status=400)
        messages.error(request, _error_text(exc))
        return redirect(safe_next_url(request, request.POST.get("next"), fallback=reverse("shop:cart")))
    count = selectors.cart_summary(items=cart.items()).count
    text = _("Added to your cart: %(title)s (%(label)s).") % {"title": variant.product.title, "label": variant.label}
    if wants_json(request):
        return JsonResponse({"ok": True, "message": text, "cart_count": count, "quantity": quantity})
    messages.success(request, text)
    return redirect("shop:cart")


@require_POST
def cart_update(request):
    try:
        services.cart_update(
            cart=get_cart(request),
            user=request.user,
            variant_id=request.POST.get("variant"),
            quantity=request.POST.get("quantity"),
        )
        messages.success(request, _("Your cart was updated."))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        response = render(
            request,
            "shop/cart.html",
            {
                "cart": selectors.cart_summary(items=get_cart(request).items()),
                "max_quantity": settings.SHOP_MAX_QUANTITY,
                "error": _error_text(exc),
            },
            status=400,
        )
        return response
    return redirect("shop:cart")


@login_required
def checkout(request):
    cart = MemberCart(request.user)
    if request.method == "POST":
        try:
            order = services.order_create(user=request.user, cart=cart, referrer=referrer_from_request(request))
        except ValidationError as exc:
            return render(
                request,
                "shop/checkout.html",
                {"cart": selectors.cart_summary(items=cart.items()), "error": _error_text(exc)},
                status=400,
            )
        return redirect("shop:order_pay", number=order.number)
    return render(request, "shop/checkout.html", {"cart": selectors.cart_summary(items=cart.items())})


@login_required
@csp_update(settings.STRIPE_CSP)
def order_pay(request, number):
    order = selectors.order_for_owner(number=number, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    try:
        services.order_check_payable(order=order)
    except ValidationError as exc:
        messages.info(request, _error_text(exc))
        return redirect(order.get_absolute_url())
    test_mode = payments.test_payments_enabled()
    client_secret = ""
    if not test_mode:
        order = services.order_ensure_intent(order=order)
        client_secret = services.order_client_secret(order=order)
    context = {
        "order": order,
        "test_mode": test_mode,
        "client_secret": client_secret,
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "stripe_js_url": settings.STRIPE_JS_URL,
        "return_url": request.build_absolute_uri(order.get_absolute_url()),
    }
    return render(request, "shop/pay.html", context)


@login_required
@require_POST
def order_test_pay(request, number):
    order = selectors.order_for_owner(number=number, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    try:
        order = services.order_test_pay(
            order=order, user=request.user, payment_method=request.POST.get("card", "pm_card_visa")
        )
    except PermissionDenied as exc:
        return HttpResponse(str(exc), status=403)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect(order.get_absolute_url())
    messages.success(request, _("Payment status: %(status)s.") % {"status": order.get_status_display()})
    return redirect(order.get_absolute_url())


@csrf_exempt
@require_POST
def stripe_webhook(request):
    status, message = services.webhook_handle(payload=request.body, signature=request.headers.get("Stripe-Signature"))
    return HttpResponse(message, status=status, content_type="text/plain")


@login_required
def order_list(request):
    page = Paginator(selectors.orders_for_user(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "shop/order_list.html", {"page": page})


@login_required
def order_detail(request, number):
    order = selectors.order_for_owner(number=number, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    return render(request, "shop/order_detail.html", {"order": order})


@login_required
@require_POST
def order_buy_again(request, number):
    order = selectors.order_for_owner(number=number, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    added, skipped = services.order_buy_again(order=order, user=request.user, cart=MemberCart(request.user))
    if added:
        messages.success(request, _("We put %(n)s item(s) from this order in your cart.") % {"n": added})
    if skipped:
        messages.error(request, _("No longer available: %(items)s.") % {"items": ", ".join(skipped)})
    return redirect("shop:cart")


@login_required
def favourites(request):
    return render(request, "shop/favourites.html", {"favourites": selectors.favourites_for_user(user=request.user)})


@login_required
@require_POST
def favourite_toggle(request):
    kind, raw_id = request.POST.get("kind"), request.POST.get("id", "")
    if kind not in ("design", "product") or not raw_id.isdigit():
        return HttpResponse(_("Unknown item."), status=400)
    if kind == "design":
        target = get_object_or_404(Design, pk=int(raw_id))
        if not target.is_public:
            raise Http404
        on = services.favourite_toggle(user=request.user, design=target)
    else:
        target = get_object_or_404(Product, pk=int(raw_id))
        on = services.favourite_toggle(user=request.user, product=target)
    text = _("Saved to your favourites.") if on else _("Removed from your favourites.")
    if wants_json(request):
        return JsonResponse({"ok": True, "favourite": on, "message": text})
    messages.success(request, text)
    next_url = request.POST.get("next", "")
    return redirect(next_url if next_url.startswith("/") and not next_url.startswith("//") else "shop:favourites")


@login_required
def review_edit(request, slug):
    product = selectors.product_detail(slug=slug, user=request.user)
    if product is None:
        raise Http404(_("No such product."))
    if selectors.review_eligible_line(user=request.user, product=product) is None:
        return render(request, "shop/review_refused.html", {"product": product}, status=403)
    existing = Review.objects.filter(product=product, author=request.user).first()
    form = ReviewForm(request.POST or None, request.FILES or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(
                author=request.user,
                product=product,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
                photo=form.cleaned_data.get("photo") or None,
                remove_photo=form.cleaned_data.get("remove_photo", False),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Thank you for your review."))
            return redirect(product.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "shop/review_form.html", {"product": product, "form": form}, status=status)


@login_required
@require_POST
def review_answer(request, pk):
    review = get_object_or_404(Review.objects.select_related("product__design"), pk=pk)
    try:
        services.review_answer(maker=request.user, review=review, text=request.POST.get("answer", ""))
    except PermissionDenied as exc:
        return HttpResponse(str(exc), status=403)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Your answer is published."))
    return redirect(review.product.get_absolute_url())
