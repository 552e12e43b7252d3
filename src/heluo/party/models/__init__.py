"""The party-building module's models (heluo.party): one file per part of the module."""

from .dues import DuesArrangement, DuesPayment, DuesReduction, PaymentMethod
from .meetings import (
    Attendance,
    AttendanceMode,
    Frequency,
    Meeting,
    MeetingKind,
    MeetingRequirement,
    MissedMeeting,
    Motion,
)
from .members import (
    DuesCategory,
    LeftReason,
    Member,
    MemberStatus,
    Transfer,
    TransferDirection,
    TransferState,
)
from .organisations import (
    COMMITTEE_POSTS,
    OrganisationField,
    OrganisationKind,
    PartyOrganisation,
    Post,
    PostKind,
    TermLength,
)
from .points import PointsCategory, PointsEntry, PointsRule, PointsUnit, PointsYear
from .study import StudyCampaign, StudyMode, StudyRecord, StudySession

__all__ = [
    "COMMITTEE_POSTS",
    "Attendance",
    "AttendanceMode",
    "DuesArrangement",
    "DuesCategory",
    "DuesPayment",
    "DuesReduction",
    "Frequency",
    "LeftReason",
    "Meeting",
    "MeetingKind",
    "MeetingRequirement",
    "Member",
    "MemberStatus",
    "MissedMeeting",
    "Motion",
    "OrganisationField",
    "OrganisationKind",
    "PartyOrganisation",
    "PaymentMethod",
    "PointsCategory",
    "PointsEntry",
    "PointsRule",
    "PointsUnit",
    "PointsYear",
    "Post",
    "PostKind",
    "StudyCampaign",
    "StudyMode",
    "StudyRecord",
    "StudySession",
    "TermLength",
    "Transfer",
    "TransferDirection",
    "TransferState",
]
