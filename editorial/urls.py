from django.urls import path

from editorial import views

app_name = "editorial"

urlpatterns = [
    path(views.STORIES_PATH, views.stories, name="stories"),
]
