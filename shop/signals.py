from django.dispatch import Signal

# Sent after the transaction that marked the order paid commits; kwargs: order.
order_paid = Signal()
# Sent after an order was refunded in full; kwargs: order.
order_refunded = Signal()
# Sent after the transaction commits when a product's status changed without a save() (e.g. retired); kwargs: product.
product_status_changed = Signal()
