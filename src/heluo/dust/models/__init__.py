"""Dust control's models, one module per part of the loop."""

from .enforcement import (
    BlacklistEntry,
    CountEnd,
    Ladder,
    LegalBasis,
    Measure,
    MeasureKind,
    PenaltyCount,
    PenaltyFinding,
)
from .sites import Site, SiteKind, SiteState

__all__ = [
    "BlacklistEntry", "CountEnd", "Ladder", "LegalBasis", "Measure", "MeasureKind", "PenaltyCount",
    "PenaltyFinding", "Site", "SiteKind", "SiteState",
]  # fmt: skip
