from __future__ import annotations

from django.urls import include, path

app_name = "dashboards"
urlpatterns = [
    path("", include("heluo.dashboards.homes.urls")),
    path("cockpit/", include("heluo.dashboards.cockpit.urls")),
    path("briefings/", include("heluo.dashboards.briefings.urls")),
]
