from django.urls import path

from heluo.core import ledgers
from heluo.core.views import accounts, audit, figures, identity, pages, transfer
from heluo.core.views.routes import ledger_urls

app_name = "core"

urlpatterns = [
    *ledger_urls(ledgers.division),
    *ledger_urls(ledgers.zone),
    *ledger_urls(ledgers.unit),
    *ledger_urls(ledgers.person),
    *ledger_urls(ledgers.grid),
    *ledger_urls(ledgers.grid_membership),
    *ledger_urls(ledgers.account),
    path(
        "accounts/<int:pk>/<slug:act>/",
        accounts.AccountActionView.as_view(ledger=ledgers.account),
        name="account_action",
    ),
    path("security-policy/", identity.security_policy, name="security_policy"),
    path("lockouts/", identity.lockout_list, name="lockout_list"),
    path("lockouts/<int:pk>/unlock/", identity.unlock, name="unlock"),
    path("jobs/", transfer.job_list, name="job_list"),
    path("jobs/<int:pk>/", transfer.job_detail, name="job_detail"),
    path("jobs/<int:pk>/confirm/", transfer.job_confirm, name="job_confirm"),
    path("jobs/<int:pk>/download/", transfer.job_download, name="job_download"),
    path("audit/", audit.audit_trail_list, name="audit_trail"),
    path("audit/export/", audit.audit_trail_export, name="audit_trail_export"),
    path("audit/verify/", audit.audit_trail_verify, name="audit_trail_verify"),
    path("search/", pages.search, name="search"),
    path("reports/districts/", pages.district_report, name="district_report"),
    path("figures/", figures.figures, name="figures"),
    path("figures/export/", figures.figures_export, name="figures_export"),
    path("inbox/", pages.inbox, name="inbox"),
    path("inbox/read/", pages.inbox_read, name="inbox_read"),
    path("files/<int:pk>/", pages.attachment_download, name="attachment_download"),
    path("files/upload/<str:label>/<int:pk>/", pages.attachment_upload, name="attachment_upload"),
]
