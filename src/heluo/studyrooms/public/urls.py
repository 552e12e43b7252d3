"""Mounted at /public/ from heluo.urls: the only pages of Heluo meant for the internet."""

from django.urls import path

from heluo.studyrooms.public import views

app_name = "studyrooms_public"

urlpatterns = [
    path("studyrooms/", views.room_list, name="list"),
    path("studyrooms/map/", views.room_map, name="map"),
    path("studyrooms/rooms.json", views.rooms_json, name="json"),
    path("studyrooms/<int:pk>/", views.room_detail, name="room"),
]
