"""Moderation removes products (community sends content_removed, the shop retires them).

At login the visitor's cart joins the member's cart; guest orders join the account of a verified email."""

from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from community.signals import content_removed
from shop.cart import SessionCart
from shop.models import Product


@receiver(user_logged_in, dispatch_uid="shop_merge_cart_on_login")
def merge_cart(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    from shop.services.cart import cart_merge

    session_cart = SessionCart(request.session)
    items = session_cart.items()
    if items:
        cart_merge(session_items=items, user=user)
        session_cart.clear()


@receiver(user_logged_in, dispatch_uid="shop_attach_guest_orders_on_login")
def attach_guest_orders_on_login(sender, request, user, **kwargs):
    from shop.services.guests import guest_orders_attach_all

    guest_orders_attach_all(user=user)


@receiver(email_confirmed, dispatch_uid="shop_attach_guest_orders_on_confirmation")
def attach_guest_orders_on_confirmation(sender, request, email_address, **kwargs):
    from shop.services.guests import guest_orders_attach

    guest_orders_attach(user=email_address.user, email=email_address.email)


@receiver(content_removed, sender=Product, dispatch_uid="shop_retire_moderated_product")
def retire_moderated_product(sender, instance, reason="", **kwargs):
    from shop.services.products import product_moderation_retire

    product_moderation_retire(product=instance)


def _drop_cart_count(sender, instance, **kwargs):
    """Any change to a member's cart items (the cart service, a deleted variant) drops the cached count."""
    from core.membercache import member_value_drop
    from shop.cart import COUNT_CACHE
    from shop.models import Cart

    user_id = Cart.objects.filter(pk=instance.cart_id).values_list("user_id", flat=True).first()
    member_value_drop(COUNT_CACHE, user_id)


def _connect_cart_count() -> None:
    from django.db.models.signals import post_delete, post_save

    from shop.models import CartItem

    post_save.connect(_drop_cart_count, sender=CartItem, dispatch_uid="shop_cart_count_save")
    post_delete.connect(_drop_cart_count, sender=CartItem, dispatch_uid="shop_cart_count_delete")


_connect_cart_count()
