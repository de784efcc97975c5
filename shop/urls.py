from django.urls import path

from shop.views import account, addresses, cart, catalogue, checkout, reviews

app_name = "shop"

urlpatterns = [
    path("shop/", catalogue.product_list, name="product_list"),
    path("shop/cart/", cart.cart_view, name="cart"),
    path("shop/cart/add/", cart.cart_add, name="cart_add"),
    path("shop/cart/update/", cart.cart_update, name="cart_update"),
    path("shop/checkout/", checkout.checkout, name="checkout"),
    path("shop/orders/<str:key>/", checkout.order_view, name="order_view"),
    path("shop/orders/<str:key>/pay/", checkout.order_pay, name="order_pay"),
    path("shop/orders/<str:key>/return/", checkout.order_view_return, name="order_view_return"),
    path(
        "shop/orders/<str:key>/invoices/<str:invoice_number>.pdf",
        checkout.order_view_invoice,
        name="order_view_invoice",
    ),
    path("shop/orders/<str:key>/test-pay/", checkout.order_test_pay, name="order_test_pay"),
    path("shop/stripe/webhook/", checkout.stripe_webhook, name="stripe_webhook"),
    path("shop/favourites/toggle/", account.favourite_toggle, name="favourite_toggle"),
    path("shop/reviews/<int:pk>/answer/", reviews.review_answer, name="review_answer"),
    path("shop/<slug:slug>/", catalogue.product_detail, name="product_detail"),
    path("shop/<slug:slug>/review/", reviews.review_edit, name="review_edit"),
    path("account/orders/", account.order_list, name="order_list"),
    path("account/orders/<str:number>/", account.order_detail, name="order_detail"),
    path("account/orders/<str:number>/buy-again/", account.order_buy_again, name="order_buy_again"),
    path("account/orders/<str:number>/return/", account.order_return_request, name="order_return_request"),
    path(
        "account/orders/<str:number>/invoices/<str:invoice_number>.pdf",
        account.invoice_download,
        name="invoice_download",
    ),
    path("account/favourites/", account.favourites, name="favourites"),
    path("account/addresses/", addresses.address_list, name="address_list"),
    path("account/addresses/add/", addresses.address_edit, name="address_add"),
    path("account/addresses/<int:pk>/edit/", addresses.address_edit, name="address_edit"),
    path("account/addresses/<int:pk>/delete/", addresses.address_delete, name="address_delete"),
    path("account/addresses/<int:pk>/default/", addresses.address_default, name="address_default"),
]
