"""Dust control's models, one module per part of the loop."""

from .grids import PackageArea, PackageAreaStaff, PackageStaffRole
from .sites import Site, SiteKind, SiteState
from .waste import CoverRecord, CoverTarget, WasteRemoval

__all__ = [
    "CoverRecord",
    "CoverTarget",
    "PackageArea",
    "PackageAreaStaff",
    "PackageStaffRole",
    "Site",
    "SiteKind",
    "SiteState",
    "WasteRemoval",
]
