from heluo.core.views.routes import ledger_urls

from . import ledgers

urlpatterns = [*ledger_urls(ledgers.briefing), *ledger_urls(ledgers.briefing_policy)]
