from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("comments/post/", views.comment_post, name="comment_post"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/like/", views.comment_like, name="comment_like"),
    path("comments/<int:pk>/reply/", views.comment_reply, name="comment_reply"),
    path("comments/<int:pk>/flag/", views.comment_flag, name="comment_flag"),
    path("flags/", views.flag_create, name="flag"),
    path("members/<str:handle>/", views.member_profile, name="member"),
    path("members/<str:handle>/follow/", views.follow_toggle, name="follow"),
    path("feed/", views.feed, name="feed"),
    path("moderation/", views.moderation_log, name="moderation_log"),
]
