from django.urls import URLPattern, path

from heluo.core.views.routes import ledger_urls

from . import ledgers, summary_urls, views

app_name = "studyrooms"

urlpatterns: list[URLPattern] = [
    path("plans/progress/", views.plan_progress, name="plan_progress"),
    *summary_urls.urlpatterns,
    path("rooms/<int:pk>/act/<slug:act>/", views.room_act, name="room_act"),
    *ledger_urls(ledgers.room, detail=views.RoomDetailView),
    *ledger_urls(ledgers.opening_hours),
    *ledger_urls(ledgers.special_day),
    *ledger_urls(ledgers.year_plan, detail=views.YearPlanDetailView),
    *ledger_urls(ledgers.opening_balance),
    *ledger_urls(ledgers.monthly_statistics),
    *ledger_urls(ledgers.reading_event),
]
