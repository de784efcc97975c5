from django.urls import path

from designs import views

app_name = "designs"

urlpatterns = [
    path("designs/", views.design_list, name="list"),
    path("designs/submit/", views.design_submit, name="submit"),
    path("designs/<slug:slug>/", views.design_detail, name="detail"),
    path("designs/<slug:slug>/edit/", views.design_edit, name="edit"),
    path("designs/<slug:slug>/send-for-review/", views.design_send_for_review, name="send_for_review"),
    path("designs/<slug:slug>/withdraw/", views.design_withdraw, name="withdraw"),
]
