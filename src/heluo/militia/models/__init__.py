"""The militia module's models (heluo.militia, 民兵整组): one file per part of the module — the organisation
and roster, the age limits, the reorganisation with its targets and musters, training, equipment reserves
and inspections."""

from .eligibility import EligibilityLimits
from .equipment import Condition, EquipmentCategory, EquipmentCheck, EquipmentItem
from .inspections import Finding, Inspection, InspectionVisit
from .muster import Muster, MusterAttendance
from .organisation import (
    ArmedForcesDepartment,
    DepartmentKind,
    LeftReason,
    MemberClass,
    MilitiaMember,
    MilitiaUnit,
    MoveDirection,
    PoliticalReview,
    UnitCategory,
    UnitLevel,
    UnitMove,
)
from .reorganisation import Reorganisation, ReorganisationTarget
from .training import Assessment, Audience, TrainingAttendance, TrainingSession, TrainingSubject

__all__ = [
    "ArmedForcesDepartment",
    "Assessment",
    "Audience",
    "Condition",
    "DepartmentKind",
    "EligibilityLimits",
    "EquipmentCategory",
    "EquipmentCheck",
    "EquipmentItem",
    "Finding",
    "Inspection",
    "InspectionVisit",
    "LeftReason",
    "MemberClass",
    "MilitiaMember",
    "MilitiaUnit",
    "MoveDirection",
    "Muster",
    "MusterAttendance",
    "PoliticalReview",
    "Reorganisation",
    "ReorganisationTarget",
    "TrainingAttendance",
    "TrainingSession",
    "TrainingSubject",
    "UnitCategory",
    "UnitLevel",
    "UnitMove",
]
