from django.urls import URLPattern, URLResolver

from . import urls_alliance

app_name = "party"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += urls_alliance.urlpatterns
