"""The pages of 三会一课 and study under /party/."""

from django.urls import URLPattern, path

from heluo.core.views.routes import ledger_urls

from . import ledgers_meetings as ledgers
from . import views_meetings as views

urlpatterns: list[URLPattern] = [
    path("organisations/<int:organisation>/meetings/record/", views.record_meeting, name="meeting_record"),
    path(
        "organisations/<int:organisation>/meetings/<int:meeting>/record/",
        views.record_meeting,
        name="meeting_rerecord",
    ),
    path(
        "organisations/<int:organisation>/meetings/compliance/",
        views.meeting_compliance,
        name="meeting_compliance_now",
    ),
    path(
        "organisations/<int:organisation>/meetings/compliance/<int:year>/",
        views.meeting_compliance,
        name="meeting_compliance",
    ),
    path("organisations/<int:organisation>/study-hours/", views.study_hours, name="study_hours"),
    *ledger_urls(ledgers.meeting_requirement),
    *ledger_urls(ledgers.meeting, detail=views.MeetingDetailView),
    *ledger_urls(ledgers.study_session, detail=views.StudySessionDetailView),
    *ledger_urls(ledgers.study_record),
]
