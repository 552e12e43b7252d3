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
from .villages import Assembly, MatterState, MatterStep, Step, VillageMatter

__all__ = [
    "COMMITTEE_POSTS",
    "DuesCategory",
    "LeftReason",
    "Member",
    "MemberStatus",
    "OrganisationField",
    "OrganisationKind",
    "PartyOrganisation",
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
