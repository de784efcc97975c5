from django.urls import path

from makers import views

app_name = "makers"

urlpatterns = [
    path("makers/", views.maker_list, name="list"),
    path("makers/settings/", views.maker_settings, name="settings"),
    path("makers/<str:handle>/", views.storefront, name="storefront"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
