from django.urls import path

from heluo.core.views.routes import ledger_urls
from heluo.dust import ledgers, views

app_name = "dust"

urlpatterns = [*ledger_urls(ledgers.site)]
urlpatterns += [
    path("sites/<int:pk>/inspect/", views.inspect, name="site_inspect"),
    path("patrol/new/", views.patrol_new, name="patrol_new"),
    *ledger_urls(ledgers.checklist),
    *ledger_urls(ledgers.checklist_item),
    *ledger_urls(ledgers.inspection),
    *ledger_urls(ledgers.patrol_report),
]
