from django.dispatch import Signal

# Sent after the transaction that marked the order paid commits; kwargs: order.
order_paid = Signal()
# Sent after an order was refunded in full; kwargs: order.
order_refunded = Signal()
# Sent after a refund made by the site (full or some lines) settled; kwargs: order, refund (shop.models.Refund).
order_refund_settled = Signal()
# Sent after the transaction commits when a product's status changed without a save() (e.g. retired); kwargs: product.
product_status_changed = Signal()
# Sent after the transaction commits when a variant's stock changed without a save() (units taken by a
# payment); kwargs: variant_id. Cached product pages show the stock ("only 3 left", "sold out").
stock_changed = Signal()
