from django.urls import path

from makers import views

app_name = "makers"

urlpatterns = [
    path("makers/payouts/connect/", views.connect_onboarding, name="connect_onboarding"),
    path("makers/payouts/connect/return/", views.connect_return, name="connect_return"),
    path("makers/", views.maker_list, name="list"),
    path("makers/settings/", views.maker_settings, name="settings"),
    path("makers/<str:handle>/", views.storefront, name="storefront"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
