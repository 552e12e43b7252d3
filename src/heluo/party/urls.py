from django.urls import URLPattern, URLResolver

from . import urls_meetings

app_name = "party"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += urls_meetings.urlpatterns
