from django.urls import URLPattern, URLResolver

from . import urls_alliance, urls_org

app_name = "party"

urlpatterns: list[URLPattern | URLResolver] = [
    *urls_org.urlpatterns,
    *urls_alliance.urlpatterns,
]
