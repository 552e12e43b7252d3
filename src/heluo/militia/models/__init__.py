"""The militia module's models (heluo.militia, 民兵整组): one file per part of the module."""

# Part A: the city's age limits.
from .eligibility import EligibilityLimits

# Part B: the reorganisation's targets and musters.
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
from .reorganisation import (
    Reorganisation,
    ReorganisationTarget,
)

__all__ = [
    "ArmedForcesDepartment",
    "DepartmentKind",
    "EligibilityLimits",
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
    "UnitCategory",
    "UnitLevel",
    "UnitMove",
]
