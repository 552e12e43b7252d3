from django.urls import path

from heluo.cases import ledgers, views

app_name = "cases"

urlpatterns = [
    *[p for p in ledgers.case.urls() if p.name not in {"case_detail", "case_edit"}],
    path("cases/<int:pk>/", views.CaseDetailView.as_view(ledger=ledgers.case), name="case_detail"),
    path("cases/<int:pk>/edit/", views.CaseUpdateView.as_view(ledger=ledgers.case), name="case_edit"),
    path("cases/<int:pk>/act/<slug:act>/", views.CaseActView.as_view(ledger=ledgers.case), name="case_act"),
    path("cases/<int:pk>/notice/", views.notice_page, name="case_notice"),
    path("cases/<int:pk>/notice.pdf", views.notice_pdf, name="case_notice_pdf"),
    path("mine/", views.my_cases, name="my_cases"),
    path("overdue/", views.overdue_list, name="overdue_list"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export/", views.statistics_export, name="statistics_export"),
    *ledgers.holiday_override.urls(),
]
