"""Dust control's models, one module per part of the loop."""

from .inspections import (
    ChecklistItem,
    ChecklistKind,
    ChecklistTemplate,
    Inspection,
    InspectionResult,
    Outcome,
    PatrolReport,
    ResponsibleParty,
    Severity,
)
from .sites import Site, SiteKind, SiteState

__all__ = ["Site", "SiteKind", "SiteState"]
__all__ += [
    "ChecklistItem", "ChecklistKind", "ChecklistTemplate", "Inspection", "InspectionResult", "Outcome",
    "PatrolReport", "ResponsibleParty", "Severity",
]  # fmt: skip
