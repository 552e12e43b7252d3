"""Dust control's models, one module per part of the loop."""

from .assessment import (
    AssessedSubject,
    AssessmentScheme,
)
from .consultation import (
    AlertLevel,
    ConsultationDecision,
    ConsultationRule,
    Decision,
    ReceptorKind,
    SensitiveReceptor,
    WeatherForecast,
)
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
    "AlertLevel",
    "AssessedSubject",
    "AssessmentScheme",
    "BlacklistEntry",
    "ChecklistItem",
    "ChecklistKind",
    "ChecklistTemplate",
    "ConsultationDecision",
    "ConsultationRule",
    "CountEnd",
    "CoverRecord",
    "CoverTarget",
    "Decision",
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
    "ReceptorKind",
    "ResponsibleParty",
    "SensitiveReceptor",
    "Severity",
    "Site",
    "SiteKind",
    "SiteState",
    "WasteRemoval",
    "WeatherForecast",
]
