from django.urls import URLPattern, URLResolver

from . import urls_c

app_name = "militia"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += urls_c.urlpatterns  # part C: training, equipment reserves, inspections
