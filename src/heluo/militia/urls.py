from django.urls import URLPattern, URLResolver

from . import urls_reorganisation

app_name = "militia"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += urls_reorganisation.urlpatterns
