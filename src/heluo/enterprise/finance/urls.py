from heluo.core.views.routes import ledger_urls

from . import ledgers

urlpatterns = [*ledger_urls(ledgers.agreement), *ledger_urls(ledgers.loan), *ledger_urls(ledgers.award)]
