from django.urls import path

from heluo.core.views.routes import ledger_urls

from . import ledgers, views

urlpatterns = [
    path("briefings/summary/", views.briefing_summary, name="briefing_summary"),
    *ledger_urls(ledgers.briefing),
    *ledger_urls(ledgers.briefing_policy),
]
