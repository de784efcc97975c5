"""Where a cart lives: in the session for visitors, in the database for members."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum

from core.membercache import member_value, member_value_drop
from shop.models import Cart, CartItem

SESSION_KEY = "shop_cart"
SETTLED_KEY = "shop_cart_settled"
COUNT_CACHE = "cart-count"  # the member's units in the cart (core/membercache.py), dropped by shop/receivers.py


class SessionCart:
    def __init__(self, session):
        self.session = session

    def items(self) -> dict[int, int]:
        raw = self.session.get(SESSION_KEY) or {}
        return {int(k): int(v) for k, v in raw.items()}

    def count(self) -> int:
        """Units in the cart; a visitor without a session costs no query."""
        return sum(self.items().values())

    def set(self, variant_id: int, quantity: int) -> None:
        raw = dict(self.session.get(SESSION_KEY) or {})
        if quantity > 0:
            raw[str(variant_id)] = quantity
        else:
            raw.pop(str(variant_id), None)
        self.session[SESSION_KEY] = raw

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)

    def lock(self) -> None:
        """A visitor's session is theirs alone; nothing to lock."""

    def settle(self, order_number: str) -> bool:
        """True the first time this session sees the order paid, so its items leave the cart once."""
        settled = list(self.session.get(SETTLED_KEY) or [])
        if order_number in settled:
            return False
        self.session[SETTLED_KEY] = (settled + [order_number])[-20:]
        return True


class MemberCart:
    def __init__(self, user):
        self.user = user

    def _cart(self) -> Cart:
        cart, _ = Cart.objects.get_or_create(user=self.user)
        return cart

    def items(self) -> dict[int, int]:
        return dict(CartItem.objects.filter(cart__user=self.user).values_list("variant_id", "quantity"))

    def count(self) -> int:
        """Units in the cart: from the member's cache entry, or one query."""
        return member_value(COUNT_CACHE, self.user.pk, self._count)

    def _count(self) -> int:
        return CartItem.objects.filter(cart__user=self.user).aggregate(n=Sum("quantity"))["n"] or 0

    def set(self, variant_id: int, quantity: int) -> None:
        cart = self._cart()
        if quantity > 0:
            CartItem.objects.update_or_create(cart=cart, variant_id=variant_id, defaults={"quantity": quantity})
        else:
            CartItem.objects.filter(cart=cart, variant_id=variant_id).delete()

    def clear(self) -> None:
        CartItem.objects.filter(cart__user=self.user).delete()
        member_value_drop(COUNT_CACHE, self.user.pk)

    def lock(self) -> None:
        """Serialise two tabs adding to the same cart (call inside a transaction)."""
        assert transaction.get_connection().in_atomic_block
        Cart.objects.get_or_create(user=self.user)
        Cart.objects.select_for_update().get(user=self.user)


def get_cart(request) -> SessionCart | MemberCart:
    if request.user.is_authenticated:
        return MemberCart(request.user)
    return SessionCart(request.session)
