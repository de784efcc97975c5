from django.urls import path

from live.consumers import ShowConsumer

websocket_urlpatterns = [
    path("ws/live/<slug:slug>/", ShowConsumer.as_asgi()),
]
