from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/", views.account_overview, name="account"),
    path("account/privacy/", views.privacy_page, name="privacy"),
    path("account/privacy/export/", views.privacy_export, name="privacy_export"),
    path("account/privacy/delete/", views.privacy_delete, name="privacy_delete"),
    path("account/profile/", views.profile_edit, name="profile_edit"),
]
