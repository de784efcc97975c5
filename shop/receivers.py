"""At login the visitor's cart joins the member's cart."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from shop.cart import SessionCart


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
