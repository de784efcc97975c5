"""Shop → Products in the Wagtail admin: the listing with its campaign column and filters, put on sale and
take off sale (one at a time after a confirmation, or as bulk actions), every step through shop.services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import TestCase
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils

from designs.models import DesignState
from shop.models import Campaign, Product, ProductStatus
from tests.factories.designs import make_design
from tests.factories.editorial import staff_user
from tests.factories.shop import make_product

S = ProductStatus


@pytest.mark.django_db
class ProductAdmin(WagtailTestUtils, TestCase):
    def setUp(self):
        self.editor = staff_user("Editors")
        self.client.force_login(self.editor)

    def test_the_listing_shows_products_their_campaigns_and_filters_by_status(self):
        draft = make_product(status=S.DRAFT, design=make_design(state=DesignState.SELECTED))
        on_sale = make_product(made_to_order=True)
        Campaign.objects.create(
            product=on_sale, goal_units=40, starts_at=timezone.now(), ends_at=timezone.now() + timedelta(days=5)
        )
        page = self.client.get("/admin/products/").content.decode()
        assert draft.title in page and on_sale.title in page
        assert "40 · " in page  # the campaign's goal, deadline and status
        assert f"/admin/products/publish/{draft.pk}/" in page and f"/admin/products/retire/{on_sale.pk}/" in page
        filtered = self.client.get("/admin/products/", {"status": S.DRAFT}).content.decode()
        assert draft.title in filtered and on_sale.title not in filtered

    def test_put_on_sale_asks_first_then_the_service_publishes(self):
        product = make_product(status=S.DRAFT, design=make_design(state=DesignState.SELECTED))
        confirm = self.client.get(f"/admin/products/publish/{product.pk}/")
        assert confirm.status_code == 200 and product.title in confirm.content.decode()
        product.refresh_from_db()
        assert product.status == S.DRAFT
        response = self.client.post(f"/admin/products/publish/{product.pk}/", follow=True)
        assert f"“{product.title}” is on sale." in response.content.decode()
        product.refresh_from_db()
        product.design.refresh_from_db()
        assert product.status == S.ON_SALE and product.design.state == DesignState.ON_SALE

    def test_a_refused_step_is_a_message_not_an_error_page(self):
        product = make_product(status=S.DRAFT, variants=0, design=make_design(state=DesignState.SELECTED))
        response = self.client.post(f"/admin/products/publish/{product.pk}/", follow=True)
        assert response.status_code == 200
        assert "needs at least one variant" in response.content.decode()
        product.refresh_from_db()
        assert product.status == S.DRAFT

    def test_take_off_sale(self):
        product = make_product()
        response = self.client.post(f"/admin/products/retire/{product.pk}/", follow=True)
        assert f"“{product.title}” was taken off sale." in response.content.decode()
        product.refresh_from_db()
        assert product.status != S.ON_SALE

    def test_bulk_put_on_sale_and_take_off_sale(self):
        drafts = [make_product(status=S.DRAFT, design=make_design(state=DesignState.SELECTED)) for _ in range(2)]
        broken = make_product(status=S.DRAFT, variants=0, design=make_design(state=DesignState.SELECTED))
        ids = "&".join(f"id={p.pk}" for p in [*drafts, broken])
        url = f"/admin/bulk/shop/product/put_on_sale/?next=/admin/products/&{ids}"
        confirm = self.client.get(url)
        assert confirm.status_code == 200 and drafts[0].title in confirm.content.decode()
        response = self.client.post(url, follow=True)
        html = response.content.decode()
        assert "2 products are on sale." in html and "needs at least one variant" in html
        assert set(Product.objects.filter(status=S.ON_SALE).values_list("pk", flat=True)) == {p.pk for p in drafts}
        url = f"/admin/bulk/shop/product/take_off_sale/?next=/admin/products/&id={drafts[0].pk}"
        self.client.post(url)
        drafts[0].refresh_from_db()
        assert drafts[0].status != S.ON_SALE

    def test_nobody_edits_or_deletes_a_product_here(self):
        product = make_product()
        for url in (f"/admin/products/edit/{product.pk}/", f"/admin/products/delete/{product.pk}/"):
            response = self.client.get(url)
            assert response.status_code == 302 and response["Location"] == "/admin/", url
        assert self.client.get(f"/admin/products/inspect/{product.pk}/").status_code == 200

    def test_staff_without_the_editor_permission_cannot_publish(self):
        product = make_product(status=S.DRAFT, design=make_design(state=DesignState.SELECTED))
        fulfilment = staff_user("Fulfilment")
        assert Group.objects.get(name="Fulfilment").permissions.filter(codename="change_order").exists()
        self.client.force_login(fulfilment)
        self.client.post(f"/admin/products/publish/{product.pk}/")
        self.client.post(f"/admin/bulk/shop/product/put_on_sale/?next=/admin/products/&id={product.pk}")
        product.refresh_from_db()
        assert product.status == S.DRAFT
