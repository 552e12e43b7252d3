"""Test-only URLs for part B's branch: the site's URLs with stand-ins for part A's pages of units,
members, categories and departments, which the reorganisation's pages link to. Part A's branch has the
real pages; once the parts are merged this module and the `part_a_pages` fixture go."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from heluo.militia.urls import urlpatterns as militia_urlpatterns
from heluo.urls import urlpatterns as heluo_urlpatterns


def stand_in(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(status=204)


PART_A = ("militiaunit", "militiamember", "unitcategory", "armedforcesdepartment")

militia: list[URLPattern | URLResolver] = [
    *militia_urlpatterns,
    *(path(f"part-a/{model}/<int:pk>/", stand_in, name=f"{model}_detail") for model in PART_A),
]
urlpatterns = [
    *(p for p in heluo_urlpatterns if getattr(p, "namespace", None) != "militia"),
    path("militia/", include((militia, "militia"))),
    path("testapp/", include("tests.testapp.urls")),
]
