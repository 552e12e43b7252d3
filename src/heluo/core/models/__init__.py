from .accounts import Account, Role
from .base import CITY_WIDE, LedgerModel, ScopedManager, ScopedQuerySet, UserScope
from .divisions import CoordinateSystem, Division, DivisionLevel, Zone
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
    "CITY_WIDE",
    "Account",
    "Attachment",
    "ChannelKind",
    "CoordinateSystem",
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
    "UserScope",
    "Zone",
]
