"""Dust control's models, one module per part of the loop."""

from .enforcement import (
    BlacklistEntry,
    CountEnd,
    Ladder,
    LegalBasis,
    Measure,
    MeasureKind,
    PenaltyCount,
    PenaltyFinding,
)
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
    "BlacklistEntry",
    "ChecklistItem",
    "ChecklistKind",
    "ChecklistTemplate",
    "CountEnd",
    "CoverRecord",
    "CoverTarget",
    "Inspection",
    "InspectionResult",
    "Ladder",
    "LegalBasis",
    "Measure",
    "MeasureKind",
    "Outcome",
    "PackageArea",
    "PackageAreaStaff",
    "PackageStaffRole",
    "PatrolReport",
    "PenaltyCount",
    "PenaltyFinding",
    "ResponsibleParty",
    "Severity",
    "Site",
    "SiteKind",
    "SiteState",
    "WasteRemoval",
]
