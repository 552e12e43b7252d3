from heluo.core.views.routes import ledger_urls
from heluo.dust import ledgers

app_name = "dust"

urlpatterns = [
    *ledger_urls(ledgers.site),
    *ledger_urls(ledgers.measure),
    *ledger_urls(ledgers.penalty_count),
    *ledger_urls(ledgers.blacklist),
    *ledger_urls(ledgers.legal_basis),
    *ledger_urls(ledgers.ladder),
]
