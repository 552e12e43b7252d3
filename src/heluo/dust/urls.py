from django.urls import path

from heluo.core.views.routes import ledger_urls
from heluo.dust import ledgers, views_consultation

app_name = "dust"

urlpatterns = [
    *ledger_urls(ledgers.site),
    *ledger_urls(ledgers.sensitive_receptor),
    *ledger_urls(ledgers.weather_forecast),
    *ledger_urls(ledgers.consultation_rule),
    *ledger_urls(ledgers.assessment_scheme),
    path("consultation/", views_consultation.board, name="consultation_board"),
    path("consultation/propose/", views_consultation.propose, name="consultation_propose"),
    path("consultation/<int:pk>/confirm/", views_consultation.confirm, name="consultation_confirm"),
    path("consultation/history/", views_consultation.history, name="consultation_history"),
    path("assessments/<int:pk>/bulletin/", views_consultation.bulletin, name="assessment_bulletin"),
    path(
        "assessments/<int:pk>/bulletin.pdf", views_consultation.bulletin_pdf, name="assessment_bulletin_pdf"
    ),
    path(
        "assessments/<int:pk>/bulletin.doc", views_consultation.bulletin_word, name="assessment_bulletin_word"
    ),
    path(
        "assessments/<int:pk>/bulletin.xlsx",
        views_consultation.bulletin_workbook,
        name="assessment_bulletin_xlsx",
    ),
]
