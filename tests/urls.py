from django.urls import include, path

from heluo.urls import urlpatterns as heluo_urlpatterns

urlpatterns = [*heluo_urlpatterns, path("testapp/", include("tests.testapp.urls"))]
