"""The party-building module's models (heluo.party): one file per part of the module."""

from .alliance import (
    ActivityKind,
    ActivityParticipant,
    Alliance,
    AllianceMember,
    JointActivity,
    ListCategory,
    Match,
    MatchState,
    MemberUnitKind,
    Need,
    NeedState,
    Project,
    ProjectState,
    Resource,
    ResourceState,
)
from .dues import DuesArrangement, DuesPayment, DuesReduction, PaymentMethod
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
from .villages import Assembly, MatterState, MatterStep, Step, VillageMatter

__all__ = [
    "COMMITTEE_POSTS",
    "DuesArrangement",
    "DuesCategory",
    "DuesPayment",
    "DuesReduction",
    "LeftReason",
    "Member",
    "MemberStatus",
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
    "TermLength",
    "Transfer",
    "TransferDirection",
    "TransferState",
]
__all__ += [
    "ActivityKind",
    "ActivityParticipant",
    "Alliance",
    "AllianceMember",
    "JointActivity",
    "ListCategory",
    "Match",
    "MatchState",
    "MemberUnitKind",
    "Need",
    "NeedState",
    "Project",
    "ProjectState",
    "Resource",
    "ResourceState",
]
__all__ += ["Assembly", "MatterState", "MatterStep", "Step", "VillageMatter"]
