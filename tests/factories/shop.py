from __future__ import annotations

import itertools
from decimal import Decimal

from designs.models import DesignState
from shop.models import Product, ProductStatus, ProductVariant
from tests.factories.designs import make_design

_counter = itertools.count(1)


def make_product(
    *,
    design=None,
    maker=None,
    price: str = "25.00",
    stock: int = 10,
    variants: int = 1,
    made_to_order: bool = False,
    status: str = ProductStatus.ON_SALE,
    royalty_share: str = "0.15",
    product_type: str = "tshirt",
) -> Product:
    n = next(_counter)
    design = design or make_design(maker=maker, state=DesignState.ON_SALE)
    product = Product.objects.create(
        design=design,
        title=f"Product {n}",
        slug=f"product-{n}",
        product_type=product_type,
        price=Decimal(price),
        royalty_share=Decimal(royalty_share),
        made_to_order=made_to_order,
        status=status,
    )
    for i, size in enumerate(["S", "M", "L", "XL"][:variants]):
        ProductVariant.objects.create(
            product=product, size=size, colour="black", sku=f"SKU-{n}-{size}", stock=stock, position=i
        )
    return product
