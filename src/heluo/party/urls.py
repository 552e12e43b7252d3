from django.urls import URLPattern, URLResolver

from . import urls_org

app_name = "party"

urlpatterns: list[URLPattern | URLResolver] = [
    *urls_org.urlpatterns,
]
