"""Training's, equipment's and inspections' pages under /militia/."""

from django.urls import URLPattern, path

from heluo.core.views.routes import ledger_urls

from . import ledgers_equipment, ledgers_inspections, ledgers_training
from . import views_c as views
from .views import REGISTER_VIEWS

urlpatterns: list[URLPattern] = [
    path("training/progress/", views.training_progress, name="training_progress"),
    path("training/units/<int:pk>/", views.unit_training, name="unit_training"),
    path("equipment/unchecked/", views.unchecked_items, name="equipment_unchecked"),
    *ledger_urls(ledgers_training.training_subject, **REGISTER_VIEWS),
    *ledger_urls(ledgers_training.training_session, detail=views.TrainingSessionDetailView, **REGISTER_VIEWS),
    *ledger_urls(ledgers_training.training_attendance, **REGISTER_VIEWS),
    *ledger_urls(ledgers_equipment.equipment_item, detail=views.EquipmentItemDetailView, **REGISTER_VIEWS),
    *ledger_urls(ledgers_equipment.equipment_check, **REGISTER_VIEWS),
    *ledger_urls(ledgers_inspections.inspection, detail=views.InspectionDetailView, **REGISTER_VIEWS),
    *ledger_urls(ledgers_inspections.inspection_visit, **REGISTER_VIEWS),
    *ledger_urls(ledgers_inspections.finding, **REGISTER_VIEWS),
]
