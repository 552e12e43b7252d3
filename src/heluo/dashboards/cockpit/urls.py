from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [path("", views.cockpit_view, name="cockpit")]
