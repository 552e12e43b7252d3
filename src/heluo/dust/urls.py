from django.urls import path
from django.views.decorators.http import require_POST

from heluo.core.views.routes import ledger_urls
from heluo.dust import ledgers, views, views_consultation, views_enforcement, views_inspections

app_name = "dust"

urlpatterns = [
    *ledger_urls(ledgers.site),
    *ledger_urls(ledgers.package_area),
    *ledger_urls(ledgers.package_area_staff),
    *ledger_urls(ledgers.waste_removal),
    *ledger_urls(ledgers.cover_record),
    path("people/<int:pk>/sites/", views.person_sites, name="person_sites"),
    path("coverage/", views.coverage_report, name="coverage"),
    path("coverage/export/", views.coverage_export, name="coverage_export"),
    path("sites/<int:pk>/inspect/", views_inspections.inspect, name="site_inspect"),
    path("patrol/new/", views_inspections.patrol_new, name="patrol_new"),
    *ledger_urls(ledgers.checklist),
    *ledger_urls(ledgers.checklist_item),
    *ledger_urls(ledgers.inspection),
    *ledger_urls(ledgers.patrol_report),
    *ledger_urls(ledgers.measure),
    *ledger_urls(ledgers.penalty_count),
    *ledger_urls(ledgers.blacklist),
    *ledger_urls(ledgers.legal_basis),
    *ledger_urls(ledgers.ladder),
    path(
        "penaltycounts/<int:pk>/finding/",
        require_POST(views_enforcement.penalty_finding),
        name="penaltycount_finding",
    ),
    path("penaltycounts/<int:pk>/end/", require_POST(views_enforcement.penalty_end), name="penaltycount_end"),
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
