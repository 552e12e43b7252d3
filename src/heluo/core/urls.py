from django.urls import path

from heluo.core import ledgers
from heluo.core.views import accounts, pages, transfer

app_name = "core"

urlpatterns = [
    *ledgers.division.urls(),
    *ledgers.zone.urls(),
    *ledgers.unit.urls(),
    *ledgers.person.urls(),
    *ledgers.grid.urls(),
    *ledgers.grid_membership.urls(),
    *ledgers.account.urls(),
    path(
        "accounts/<int:pk>/<slug:act>/",
        accounts.AccountActionView.as_view(ledger=ledgers.account),
        name="account_action",
    ),
    path("jobs/", transfer.job_list, name="job_list"),
    path("jobs/<int:pk>/", transfer.job_detail, name="job_detail"),
    path("jobs/<int:pk>/confirm/", transfer.job_confirm, name="job_confirm"),
    path("jobs/<int:pk>/download/", transfer.job_download, name="job_download"),
    path("search/", pages.search, name="search"),
    path("reports/districts/", pages.district_report, name="district_report"),
    path("inbox/", pages.inbox, name="inbox"),
    path("inbox/read/", pages.inbox_read, name="inbox_read"),
    path("files/<int:pk>/", pages.attachment_download, name="attachment_download"),
    path("files/upload/<str:label>/<int:pk>/", pages.attachment_upload, name="attachment_upload"),
]
