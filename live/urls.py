from django.urls import path, re_path

from live import views

app_name = "live"

urlpatterns = [
    path("live/", views.show_list, name="list"),
    path("live/new/", views.show_create, name="create"),
    path("live/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("live/tips/<uuid:number>/", views.tip_pay, name="tip_pay"),
    path("live/tips/<uuid:number>/test-pay/", views.tip_test_pay, name="tip_test_pay"),
    path("live/tips/<uuid:number>/done/", views.tip_done, name="tip_done"),
    path("live/<slug:slug>/", views.show_detail, name="show"),
    path("live/<slug:slug>/edit/", views.show_edit, name="edit"),
    path("live/<slug:slug>/pin/", views.show_pin, name="pin"),
    path("live/<slug:slug>/shelf/<int:product_id>/offer/", views.shelf_offer, name="shelf_offer"),
    path("live/<slug:slug>/chat/", views.chat_post, name="chat"),
    path("live/<slug:slug>/chat/since/", views.chat_since, name="chat_since"),
    path("live/<slug:slug>/chat/<int:pk>/remove/", views.chat_remove, name="chat_remove"),
    path("live/<slug:slug>/chat/<int:pk>/report/", views.chat_report, name="chat_report"),
    path("live/<slug:slug>/timeout/", views.chat_timeout, name="timeout"),
    path("live/<slug:slug>/tip/", views.tip_start, name="tip"),
    re_path(r"^live/(?P<slug>[-\w]+)/(?P<action>start|end|cancel)/$", views.show_control, name="control"),
]
