"""The party-building module's models (heluo.party): one file per part of the module."""

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
