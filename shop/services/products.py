"""Products: an editor turns a crowd-chosen design into a product, puts it on sale, retires it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from community.services import activity_record, notify_followers
from core import audit
from core.site_settings import load as load_site_settings
from designs.models import Design, DesignState
from designs.services import design_put_on_sale, is_editor
from notifications.services import notify
from shop.errors import ShopError
from shop.models import Product, ProductStatus, ProductVariant, ShopRules, SupporterAccess
from shop.signals import product_status_changed
from voting.selectors import would_buy_supporter_ids

PRODUCT_SOURCE_STATES = (DesignState.SELECTED, DesignState.IN_PRODUCTION, DesignState.ON_SALE)


def _unique_product_slug(title: str) -> str:
    base = slugify(title)[:140] or "product"
    candidate, n = base, 2
    while Product.objects.filter(slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _would_buy_supporter_ids(design: Design) -> list[int]:
    return list(would_buy_supporter_ids(design=design))


@transaction.atomic
def product_create(
    *,
    design: Design,
    actor: User,
    title: str,
    product_type: str,
    price: Decimal,
    variants: Sequence[dict],
    description: str = "",
    title_de: str = "",
    description_de: str = "",
    royalty_share: Decimal | None = None,
    made_to_order: bool = False,
    publish: bool = False,
    manufacturer: str = "",
    responsible_person: str = "",
    safety_information: str = "",
) -> Product:
    """An editor turns a crowd-chosen design into a product with its variants."""
    if not is_editor(actor):
        raise PermissionDenied(_("Only editors can create products."))
    if design.state not in PRODUCT_SOURCE_STATES:
        raise ShopError(_("Only selected designs can become products."))
    if not variants:
        raise ShopError({"variants": _("Add at least one variant with a SKU.")})
    skus = [v["sku"].strip() for v in variants]
    if any(not sku for sku in skus):
        raise ShopError({"variants": _("Every variant needs a SKU.")})
    if len(set(skus)) != len(skus) or ProductVariant.objects.filter(sku__in=skus).exists():
        raise ShopError({"variants": _("Each SKU must be unique; one of these is already in use.")})
    if royalty_share is None:
        royalty_share = load_site_settings(ShopRules).royalty_share_default
    product = Product(
        design=design,
        title=title.strip(),
        slug=_unique_product_slug(title),
        product_type=product_type,
        description=description,
        title_de=title_de.strip(),
        description_de=description_de,
        price=price,
        royalty_share=royalty_share,
        made_to_order=made_to_order,
        manufacturer=manufacturer.strip() or load_site_settings(ShopRules).default_manufacturer,
        responsible_person=responsible_person.strip(),
        safety_information=safety_information.strip(),
        created_by=actor,
    )
    product.full_clean()
    product.save()
    for position, data in enumerate(variants):
        stock = int(data.get("stock") or 0)
        if stock < 0:
            raise ShopError({"variants": _("Stock cannot be negative.")})
        ProductVariant.objects.create(
            product=product,
            size=data.get("size", "").strip(),
            colour=data.get("colour", "").strip(),
            sku=data["sku"].strip(),
            stock=stock,
            position=position,
        )
    audit.record(product, "commonmade.product.create", user=actor, design=design.title, price=price)
    if publish:
        product = product_publish(product=product, actor=actor)
    return product


@transaction.atomic
def product_publish(*, product: Product, actor: User) -> Product:
    """Put the product on sale, move its design to on_sale and open the supporters' launch window."""
    if not is_editor(actor):
        raise PermissionDenied(_("Only editors can publish products."))
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status == ProductStatus.ON_SALE:
        return product
    if not product.variants.exists():
        raise ShopError(_("A product needs at least one variant before it goes on sale."))
    design = product.design
    if design.state in (DesignState.SELECTED, DesignState.IN_PRODUCTION):
        design_put_on_sale(design=design, actor=actor, trusted=True)
    elif design.state != DesignState.ON_SALE:
        raise ShopError(_("The design is no longer selected; it cannot go on sale."))
    now = timezone.now()
    product.status = ProductStatus.ON_SALE
    product.published_at = now
    supporter_ids = [pk for pk in _would_buy_supporter_ids(design) if pk]
    window_hours = load_site_settings(ShopRules).supporter_window_hours
    if supporter_ids and window_hours > 0:
        product.supporter_window_ends_at = now + timedelta(hours=window_hours)
        SupporterAccess.objects.bulk_create(
            [SupporterAccess(product=product, user_id=pk) for pk in supporter_ids], ignore_conflicts=True
        )
        for user in User.objects.filter(pk__in=supporter_ids, is_active=True):
            notify(
                recipient=user,
                kind="shop_supporter_launch",
                title=lambda: _("“%(title)s” is on sale: you get early access") % {"title": product.title},
                body=lambda: (
                    _(
                        "You said you would buy “%(design)s”. It is now a product, and for the next %(hours)s hours "
                        "only supporters like you can order it."
                    )
                    % {"design": design.title, "hours": window_hours}
                ),
                url=product.get_absolute_url(),
            )
    product.save()
    audit.record(product, "commonmade.product.publish", user=actor)
    maker = design.maker
    transaction.on_commit(lambda: _announce_product(product, maker))
    return product


def _announce_product(product: Product, maker: User) -> None:
    activity_record(actor=maker, verb="product_on_sale", target=product)
    notify_followers(
        maker=maker,
        title=lambda: (
            _("New in the shop from %(maker)s: “%(title)s”") % {"maker": maker.public_name, "title": product.title}
        ),
        url=product.get_absolute_url(),
        kind="followed_maker",
    )


@transaction.atomic
def product_retire(*, product: Product, actor: User) -> Product:
    if not is_editor(actor):
        raise PermissionDenied(_("Only editors can retire products."))
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.RETIRED)
    audit.record(product, "commonmade.product.retire", user=actor)
    product.refresh_from_db()
    transaction.on_commit(lambda: product_status_changed.send(sender=Product, product=product))
    return product


def product_moderation_retire(*, product: Product) -> None:
    """Moderation removed the product: it leaves the shop like a retired one."""
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.RETIRED)
    product.status = ProductStatus.RETIRED
    transaction.on_commit(lambda: product_status_changed.send(sender=Product, product=product))
