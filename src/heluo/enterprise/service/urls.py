from django.urls import URLPattern, path

from heluo.core.views.routes import ledger_urls

from . import ledgers, views

urlpatterns: list[URLPattern] = [
    *ledger_urls(ledgers.problem, detail=views.ProblemDetailView),
    path("service/problems/<int:pk>/follow-up/", views.ProblemFollowUpView.as_view(ledger=ledgers.problem),
         name="problem_follow_up"),
    *ledger_urls(ledgers.visit),
    *ledger_urls(ledgers.officer_assignment),
    *ledger_urls(ledgers.problem_category),
    *ledger_urls(ledgers.time_limit),
    path("service/officers/<int:pk>/", views.officer, name="officer"),
]  # fmt: skip
