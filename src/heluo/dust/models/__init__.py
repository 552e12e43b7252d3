"""Dust control's models, one module per part of the loop."""

from .grids import (
    PackageArea,
    PackageAreaStaff,
    PackageStaffRole,
)
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
from .sites import (
    Site,
    SiteKind,
    SiteState,
)
from .waste import (
    CoverRecord,
    CoverTarget,
    WasteRemoval,
)

__all__ = [
    "ChecklistItem",
    "ChecklistKind",
    "ChecklistTemplate",
    "CoverRecord",
    "CoverTarget",
    "Inspection",
    "InspectionResult",
    "Outcome",
    "PackageArea",
    "PackageAreaStaff",
    "PackageStaffRole",
    "PatrolReport",
    "ResponsibleParty",
    "Severity",
    "Site",
    "SiteKind",
    "SiteState",
    "WasteRemoval",
]
