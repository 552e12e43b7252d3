from django.urls import path

from heluo.core.views.routes import ledger_urls

from . import ledgers, views

urlpatterns = [
    path("majorprojects/summary/", views.major_summary, name="major_summary"),
    *ledger_urls(ledgers.major_project, detail=views.MajorProjectDetailView),
    *ledger_urls(ledgers.milestone),
]
