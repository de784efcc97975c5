from django.urls import path

from makers import views

app_name = "makers"

urlpatterns = [
    path("makers/payouts/connect/", views.connect_onboarding, name="connect_onboarding"),
    path("makers/payouts/connect/return/", views.connect_return, name="connect_return"),
    path("makers/", views.maker_list, name="list"),
    path("makers/settings/", views.maker_settings, name="settings"),
    path("makers/settings/brand/", views.brand_settings, name="brand_settings"),
    path("makers/settings/collections/new/", views.collection_edit, name="collection_new"),
    path("makers/settings/collections/<int:pk>/", views.collection_edit, name="collection_edit"),
    path("makers/<str:handle>/brand.css", views.brand_css, name="brand_css"),
    path("makers/<str:handle>/", views.storefront, name="storefront"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
