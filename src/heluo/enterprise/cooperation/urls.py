from django.urls import path
from django.views.decorators.http import require_POST

from heluo.core.views.routes import ledger_urls

from . import ledgers, views

urlpatterns = [
    *ledger_urls(ledgers.project),
    *ledger_urls(ledgers.progress),
    path("cooperation/years/", views.latest_year, name="cooperation_years"),
    path("cooperation/years/<int:year>/", views.year_summary, name="cooperation_year"),
    path("cooperation/years/<int:year>/summary.xlsx", views.year_workbook, name="cooperation_year_xlsx"),
    path(
        "cooperation/progress/<int:pk>/update/",
        require_POST(views.update_progress),
        name="cooperation_progress_update",
    ),
]
