from heluo.core.views.routes import ledger_urls
from tests.testapp import ledgers

app_name = "testapp"
urlpatterns = [
    *ledger_urls(ledgers.party_record),
    *ledger_urls(ledgers.grid_site),
    *ledger_urls(ledgers.coop_case),
]
