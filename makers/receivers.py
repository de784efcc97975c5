"""makers listens to the shop: a paid order earns royalties (and referral commissions), a refund takes them back."""

from django.dispatch import receiver

from shop.signals import order_paid, order_refund_settled, order_refunded


@receiver(order_paid, dispatch_uid="makers_royalty_on_order_paid")
def record_royalties(sender, order, **kwargs):
    from makers.services import royalty_record_order

    royalty_record_order(order=order)


@receiver(order_refunded, dispatch_uid="makers_royalty_on_order_refunded")
def reverse_royalties(sender, order, **kwargs):
    from makers.services import royalty_reverse_order

    royalty_reverse_order(order=order)


@receiver(order_paid, dispatch_uid="makers_referral_on_order_paid")
def record_referral(sender, order, **kwargs):
    from makers.services import referral_record_order

    referral_record_order(order=order)


@receiver(order_refunded, dispatch_uid="makers_referral_on_order_refunded")
def reverse_referral(sender, order, **kwargs):
    from makers.services import referral_reverse_order

    referral_reverse_order(order=order)


@receiver(order_refund_settled, dispatch_uid="makers_royalty_on_refund_settled")
def reverse_refunded_units(sender, order, refund, **kwargs):
    from makers.services import royalty_reverse_refund

    royalty_reverse_refund(order=order, refund=refund)
