"""At login the visitor's cart joins the member's cart."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from core import audit
from shop.cart import SessionCart
from shop.signals import order_paid, order_refunded


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


@receiver(order_paid, dispatch_uid="shop_audit_order_paid")
def audit_order_paid(sender, order, **kwargs):
    audit.record(order, "commonmade.order.status", status=order.get_status_display(), total=order.total)


@receiver(order_refunded, dispatch_uid="shop_audit_order_refunded")
def audit_order_refunded(sender, order, **kwargs):
    audit.record(order, "commonmade.order.status", status=order.get_status_display(), total=order.refunded_amount)
