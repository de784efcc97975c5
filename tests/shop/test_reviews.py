"""Verified reviews: buyers only, within the window, once per product (editable), maker answers once."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image

from shop.models import Order, OrderStatus, Review
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product, paid_line

pytestmark = pytest.mark.django_db


def png(size, extra=b""):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(out, format="PNG")
    return SimpleUploadedFile("photo.png", out.getvalue() + extra, content_type="image/png")


def test_buyer_reviews_and_non_buyer_cannot(client):
    product = make_product()
    buyer, stranger = UserFactory(), UserFactory()
    paid_line(buyer, product)
    client.force_login(stranger)
    assert client.get(f"/shop/{product.slug}/review/").status_code == 403
    assert client.post(f"/shop/{product.slug}/review/", {"rating": 5, "text": "Great"}).status_code == 403
    assert "Review this product" not in client.get(f"/shop/{product.slug}/").content.decode()
    client.force_login(buyer)
    assert "Review this product" in client.get(f"/shop/{product.slug}/").content.decode()
    response = client.post(f"/shop/{product.slug}/review/", {"rating": 4, "text": "Lovely print"})
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.author, review.rating) == (buyer, 4)
    page = client.get(f"/shop/{product.slug}/").content.decode()
    assert "Lovely print" in page and "4.0 of 5 stars from 1 review" in page and "Verified purchase" in page


def test_review_is_once_per_product_and_editable(client):
    product = make_product()
    buyer = UserFactory()
    paid_line(buyer, product)
    paid_line(buyer, product)
    client.force_login(buyer)
    client.post(f"/shop/{product.slug}/review/", {"rating": 2, "text": "Meh"})
    client.post(f"/shop/{product.slug}/review/", {"rating": 5, "text": "Grew on me"})
    assert Review.objects.count() == 1
    assert Review.objects.get().rating == 5


def test_review_window_closes_after_the_setting(client):
    product = make_product()
    buyer = UserFactory()
    paid_line(buyer, product, days_ago=101)
    client.force_login(buyer)
    assert client.post(f"/shop/{product.slug}/review/", {"rating": 5, "text": "Late"}).status_code == 403
    assert not Review.objects.exists()


def test_unpaid_or_refunded_lines_do_not_count(client):
    product = make_product()
    buyer = UserFactory()
    line = paid_line(buyer, product)
    Order.objects.filter(pk=line.order_id).update(status=OrderStatus.REFUNDED)
    client.force_login(buyer)
    assert client.post(f"/shop/{product.slug}/review/", {"rating": 5, "text": "x"}).status_code == 403


@pytest.mark.parametrize("rating", ["0", "6", "-1", "abc"])
def test_rating_must_be_1_to_5(client, rating):
    product = make_product()
    buyer = UserFactory()
    paid_line(buyer, product)
    client.force_login(buyer)
    response = client.post(f"/shop/{product.slug}/review/", {"rating": rating, "text": "x"})
    assert response.status_code == 400
    assert not Review.objects.exists()


def test_photo_checks(client):
    product = make_product()
    buyer = UserFactory()
    paid_line(buyer, product)
    client.force_login(buyer)
    small = client.post(f"/shop/{product.slug}/review/", {"rating": 5, "text": "x", "photo": png((300, 300))})
    assert small.status_code == 400 and "at least 400 pixels" in small.content.decode()
    poly = client.post(
        f"/shop/{product.slug}/review/", {"rating": 5, "text": "x", "photo": png((500, 500), b"<script>x</script>")}
    )
    assert poly.status_code == 400 and "hidden extra content" in poly.content.decode()
    assert not Review.objects.exists()
    ok = client.post(f"/shop/{product.slug}/review/", {"rating": 5, "text": "x", "photo": png((500, 450))})
    assert ok.status_code == 302
    assert Review.objects.get().photo.name.endswith(".png")


def test_review_text_cannot_carry_markup(client):
    product = make_product()
    buyer = UserFactory()
    paid_line(buyer, product)
    client.force_login(buyer)
    client.post(f"/shop/{product.slug}/review/", {"rating": 3, "text": "<script>alert(1)</script>"})
    page = client.get(f"/shop/{product.slug}/").content.decode()
    # Review text goes through the markdown sanitizer: the script is dropped, never rendered.
    assert "<script>alert(1)" not in page and "alert(1)</script>" not in page


def test_maker_answers_once_and_others_cannot(client):
    product = make_product()
    maker = product.design.maker
    buyer = UserFactory()
    paid_line(buyer, product)
    review = Review.objects.create(
        product=product, author=buyer, order_line=buyer.orders.get().lines.get(), rating=5, text="Yes"
    )
    client.force_login(buyer)
    assert client.post(f"/shop/reviews/{review.pk}/answer/", {"answer": "Me?"}).status_code == 403
    client.force_login(maker)
    client.post(f"/shop/reviews/{review.pk}/answer/", {"answer": "Thank you!"})
    response = client.post(f"/shop/reviews/{review.pk}/answer/", {"answer": "Again"}, follow=True)
    assert "You already answered this review." in response.content.decode()
    review.refresh_from_db()
    assert review.answer == "Thank you!"


def test_design_panel_shows_product_price_and_rating(rf):
    product = make_product(price="18.00")
    for rating in (4, 5):
        buyer = UserFactory()
        line = paid_line(buyer, product)
        Review.objects.create(product=product, author=buyer, order_line=line, rating=rating, text="ok")
    request = rf.get("/")
    request.user = UserFactory()
    html = Template('{% include "shop/design_panel.html" %}').render(
        Context({"design": product.design, "request": request, "user": request.user})
    )
    assert "18.00\u00a0€" in html and "4.5 of 5 stars from 2 reviews" in html and product.get_absolute_url() in html
    assert Decimal("18.00") == product.price
