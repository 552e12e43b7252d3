from django.urls import URLPattern, URLResolver

from . import urls_alliance, urls_dues_points, urls_meetings, urls_org

app_name = "party"

urlpatterns: list[URLPattern | URLResolver] = [
    *urls_org.urlpatterns,
    *urls_dues_points.urlpatterns,
    *urls_meetings.urlpatterns,
    *urls_alliance.urlpatterns,
]
