from django.urls import path, re_path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("account/notifications/", views.notification_settings, name="notification_settings"),
    re_path(
        r"^account/notifications/push/(?P<action>subscribe|unsubscribe)/$",
        views.push_subscription,
        name="push_subscription",
    ),
    path("account/notifications/list/", views.notification_list, name="notification_list"),
    path("account/notifications/read/", views.notification_read, name="notification_read"),
    path("account/notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
