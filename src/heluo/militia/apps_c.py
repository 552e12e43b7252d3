"""Training's, equipment's and inspections' part of the app's ready(): their ledgers, figures, menu and
the source kind of inspection findings' cases."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from heluo.core.modules import MenuItem, register_menu


def ready() -> None:
    from heluo.cases.sources import register_source

    from . import figures_c, ledgers_equipment, ledgers_inspections, ledgers_training  # noqa: F401
    from .services.inspections import SOURCE_KIND, finding_case_changed

    # A finding opens a case; its closing marks the finding rectified, its reopening clears that.
    register_source(
        SOURCE_KIND, _("militia inspection finding"), model="militia.Finding", on_change=finding_case_changed
    )
    register_menu(
        "militia",
        MenuItem(_("Training subjects"), "militia:trainingsubject_list", "militia.TrainingSubject"),
        MenuItem(_("Training sessions"), "militia:trainingsession_list", "militia.TrainingSession"),
        MenuItem(_("Units' training progress"), "militia:training_progress", "militia.TrainingSession"),
        MenuItem(_("Equipment reserves"), "militia:equipmentitem_list", "militia.EquipmentItem"),
        MenuItem(_("Equipment checks"), "militia:equipmentcheck_list", "militia.EquipmentCheck"),
        MenuItem(_("Equipment not checked in time"), "militia:equipment_unchecked", "militia.EquipmentItem"),
        MenuItem(_("Militia inspections"), "militia:inspection_list", "militia.Inspection"),
        MenuItem(_("Inspection findings"), "militia:finding_list", "militia.Finding"),
    )
