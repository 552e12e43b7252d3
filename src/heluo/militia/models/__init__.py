"""The militia module's models (heluo.militia, 民兵整组): one file per part of the module."""

from .equipment import Condition, EquipmentCategory, EquipmentCheck, EquipmentItem  # part C
from .inspections import Finding, Inspection, InspectionVisit  # part C
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
from .reorganisation import Reorganisation
from .training import Assessment, Audience, TrainingAttendance, TrainingSession, TrainingSubject  # part C

__all__ = [
    "ArmedForcesDepartment",
    "DepartmentKind",
    "LeftReason",
    "MemberClass",
    "MilitiaMember",
    "MilitiaUnit",
    "MoveDirection",
    "PoliticalReview",
    "Reorganisation",
    "UnitCategory",
    "UnitLevel",
    "UnitMove",
]
# Part C: training, equipment reserves, inspections.
__all__ += [
    "Assessment",
    "Audience",
    "Condition",
    "EquipmentCategory",
    "EquipmentCheck",
    "EquipmentItem",
    "Finding",
    "Inspection",
    "InspectionVisit",
    "TrainingAttendance",
    "TrainingSession",
    "TrainingSubject",
]
