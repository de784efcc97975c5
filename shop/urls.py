from django.urls import path

from shop import views

app_name = "shop"

urlpatterns = [
    path("shop/", views.product_list, name="product_list"),
    path("shop/cart/", views.cart_view, name="cart"),
    path("shop/cart/add/", views.cart_add, name="cart_add"),
    path("shop/cart/update/", views.cart_update, name="cart_update"),
    path("shop/checkout/", views.checkout, name="checkout"),
    path("shop/orders/<str:number>/pay/", views.order_pay, name="order_pay"),
    path("shop/orders/<str:number>/test-pay/", views.order_test_pay, name="order_test_pay"),
    path("shop/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("shop/favourites/toggle/", views.favourite_toggle, name="favourite_toggle"),
    path("shop/reviews/<int:pk>/answer/", views.review_answer, name="review_answer"),
    path("shop/<slug:slug>/", views.product_detail, name="product_detail"),
    path("shop/<slug:slug>/review/", views.review_edit, name="review_edit"),
    path("account/orders/", views.order_list, name="order_list"),
    path("account/orders/<str:number>/", views.order_detail, name="order_detail"),
    path("account/orders/<str:number>/buy-again/", views.order_buy_again, name="order_buy_again"),
    path("account/favourites/", views.favourites, name="favourites"),
]
