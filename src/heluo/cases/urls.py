from django.urls import path

from heluo.cases import ledgers, views
from heluo.core.views.routes import ledger_urls

app_name = "cases"

urlpatterns = [
    *ledger_urls(ledgers.case, detail=views.CaseDetailView),
    path("cases/<int:pk>/act/<slug:act>/", views.CaseActView.as_view(ledger=ledgers.case), name="case_act"),
    path("cases/<int:pk>/notice/", views.notice_page, name="case_notice"),
    path("cases/<int:pk>/notice.pdf", views.notice_pdf, name="case_notice_pdf"),
    path("mine/", views.my_cases, name="my_cases"),
    path("overdue/", views.overdue_list, name="overdue_list"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export/", views.statistics_export, name="statistics_export"),
    *ledger_urls(ledgers.holiday_override),
]
