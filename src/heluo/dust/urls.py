from heluo.core.views.routes import ledger_urls
from heluo.dust import ledgers

app_name = "dust"

urlpatterns = [*ledger_urls(ledgers.site)]
