"""Writing a review, and the maker's answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import params
from shop.forms import ReviewForm
from shop.models import Review
from shop.selectors import catalogue as catalogue_selectors
from shop.selectors import reviews as reviews_selectors
from shop.services import reviews as reviews_services
from shop.views.cart import error_text


@login_required
def review_edit(request, slug):
    product = catalogue_selectors.product_detail(slug=slug, user=request.user)
    if product is None:
        raise Http404(_("No such product."))
    if reviews_selectors.review_eligible_line(user=request.user, product=product) is None:
        return render(request, "shop/review_refused.html", {"product": product}, status=403)
    existing = Review.objects.filter(product=product, author=request.user).first()
    form = ReviewForm(request.POST or None, request.FILES or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            reviews_services.review_save(
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
        reviews_services.review_answer(
            maker=request.user, review=review, text=params.text(request.POST, "answer", max_length=3000)
        )
    except PermissionDenied as exc:
        return HttpResponse(str(exc), status=403)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Your answer is published."))
    return redirect(review.product.get_absolute_url())
