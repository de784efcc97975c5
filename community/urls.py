from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("account/", views.account_overview, name="account"),
]
