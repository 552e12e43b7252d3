"""The summary page's routes, included in the module's URLs (heluo.studyrooms.urls)."""

from django.urls import URLPattern, path

from . import summary

urlpatterns: list[URLPattern] = [
    path("summary/", summary.summary, name="summary"),
    path("summary/summary.xlsx", summary.summary_workbook, name="summary_xlsx"),
]
