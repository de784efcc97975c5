from django.urls import path

from voting import views

app_name = "voting"

urlpatterns = [
    path("challenges/", views.challenge_list, name="challenge_list"),
    path("challenges/<slug:slug>/", views.challenge_detail, name="challenge_detail"),
    path("trending/", views.trending, name="trending"),
    path("votes/<slug:slug>/", views.vote, name="vote"),
]
