from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("", views.cockpit_view, name="cockpit"),
    path("data/", views.cockpit_data, name="cockpit_data"),
    path("wall/", views.wall_view, name="cockpit_wall"),
]
