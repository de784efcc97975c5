from django.urls import path

from makers import views

app_name = "makers"

urlpatterns = [
    path("makers/payouts/connect/", views.connect_onboarding, name="connect_onboarding"),
    path("makers/payouts/connect/return/", views.connect_return, name="connect_return"),
]
