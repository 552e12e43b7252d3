from .accounts import Account, Role
from .base import LedgerModel, ScopedManager, ScopedQuerySet
from .divisions import Division, DivisionLevel, Zone
from .jobs import Job, JobKind, JobState
from .organisations import (
    DocumentType,
    Gender,
    Grid,
    GridLevel,
    GridMembership,
    GridRole,
    Person,
    Unit,
    UnitType,
)
from .records import (
    Attachment,
    ChannelKind,
    Delivery,
    DeliveryState,
    Notification,
    NotificationChannel,
    RefusedAttempt,
    SensitiveAccess,
)

__all__ = [
    "Account",
    "Attachment",
    "ChannelKind",
    "Delivery",
    "DeliveryState",
    "Division",
    "DivisionLevel",
    "DocumentType",
    "Gender",
    "Grid",
    "GridLevel",
    "GridMembership",
    "GridRole",
    "Job",
    "JobKind",
    "JobState",
    "LedgerModel",
    "Notification",
    "NotificationChannel",
    "Person",
    "RefusedAttempt",
    "Role",
    "ScopedManager",
    "ScopedQuerySet",
    "SensitiveAccess",
    "Unit",
    "UnitType",
    "Zone",
]
