from heluo.core.views.routes import ledger_urls

from . import ledgers, views

urlpatterns = [
    *ledger_urls(ledgers.major_project, detail=views.MajorProjectDetailView),
    *ledger_urls(ledgers.milestone),
]
