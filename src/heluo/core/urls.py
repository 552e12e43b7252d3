from django.urls import path

from heluo.core import ledgers
from heluo.core.views import accounts, pages

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
    path("search/", pages.search, name="search"),
    path("reports/districts/", pages.district_report, name="district_report"),
    path("inbox/", pages.inbox, name="inbox"),
    path("inbox/read/", pages.inbox_read, name="inbox_read"),
    path("files/<int:pk>/", pages.attachment_download, name="attachment_download"),
    path("files/upload/<str:label>/<int:pk>/", pages.attachment_upload, name="attachment_upload"),
]
