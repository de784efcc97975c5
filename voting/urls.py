from django.urls import path

from voting import views

app_name = "voting"

urlpatterns = [
    path("challenges/", views.challenge_list, name="challenge_list"),
    path("challenges/enter/", views.challenge_enter, name="challenge_enter"),
    path("challenges/<slug:slug>/", views.challenge_detail, name="challenge_detail"),
    path("how-voting-works/", views.how_it_works, name="how_it_works"),
    path("trending/", views.trending, name="trending"),
    path("votes/<slug:slug>/", views.vote, name="vote"),
]
