from django.urls import path
from django.views.decorators.http import require_POST

from heluo.core.views.routes import ledger_urls
from heluo.dust import ledgers, views

app_name = "dust"

urlpatterns = [
    *ledger_urls(ledgers.site),
    *ledger_urls(ledgers.measure),
    *ledger_urls(ledgers.penalty_count),
    *ledger_urls(ledgers.blacklist),
    *ledger_urls(ledgers.legal_basis),
    *ledger_urls(ledgers.ladder),
    path("penaltycounts/<int:pk>/finding/", require_POST(views.penalty_finding), name="penaltycount_finding"),
    path("penaltycounts/<int:pk>/end/", require_POST(views.penalty_end), name="penaltycount_end"),
]
