"""Verified-purchase reviews and the maker's public answer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from designs.validation import clean_design_image
from notifications.services import notify
from shop import rules as shop_rules
from shop.errors import ShopError
from shop.models import Product, Review
from shop.selectors.reviews import review_eligible_line


def review_save(*, author: User, product: Product, rating, text: str, photo=None, remove_photo: bool = False) -> Review:
    """A verified buyer writes or edits their one review of a product."""
    line = review_eligible_line(user=author, product=product)
    if line is None:
        raise PermissionDenied(
            _("Only members who bought this product in the last %(days)s days can review it.")
            % {"days": shop_rules.REVIEW_WINDOW_DAYS}
        )
    errors = {}
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        errors["rating"] = _("Please choose 1 to 5 stars.")
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Please tell others what you think.")
    elif len(text) > 5000:
        errors["text"] = _("Please keep your review under 5000 characters.")
    cleaned = None
    if photo:
        try:
            cleaned = clean_design_image(photo, min_short_side=shop_rules.REVIEW_PHOTO_MIN_SHORT_SIDE)
        except ValidationError as exc:
            errors["photo"] = exc.messages
    if errors:
        raise ShopError(errors)
    with transaction.atomic():
        review = Review.objects.select_for_update().filter(product=product, author=author).first()
        if review is None:
            review = Review(product=product, author=author)
        review.order_line = line
        review.rating = rating
        review.text = text
        if remove_photo and review.photo:
            review.photo.delete(save=False)
        if cleaned:
            review.photo.save(
                f"review-{product.pk}-{author.pk}.{cleaned.extension}", ContentFile(cleaned.content), save=False
            )
        try:
            with transaction.atomic():
                review.save()
        except IntegrityError:  # written a moment ago in another tab
            raise ShopError(_("You already reviewed this product; please edit your review.")) from None
    return review


@transaction.atomic
def review_answer(*, maker: User, review: Review, text: str) -> Review:
    """The product's maker answers a review publicly, once."""
    review = Review.objects.select_for_update(of=("self",)).select_related("product__design").get(pk=review.pk)
    if review.product.design.maker_id != maker.pk:
        raise PermissionDenied(_("Only the maker of this design can answer its reviews."))
    if review.answered_at:
        raise ShopError(_("You already answered this review."))
    text = (text or "").strip()
    if not text:
        raise ShopError({"answer": _("Please write an answer.")})
    review.answer = text[:3000]
    review.answered_at = timezone.now()
    review.save(update_fields=["answer", "answered_at"])
    notify(
        recipient=review.author,
        kind="shop_review_answered",
        title=lambda: _("The maker answered your review of “%(title)s”") % {"title": review.product.title},
        url=review.product.get_absolute_url(),
    )
    return review
