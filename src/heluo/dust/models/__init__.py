"""Dust control's models, one module per part of the loop."""

from .sites import Site, SiteKind, SiteState

__all__ = ["Site", "SiteKind", "SiteState"]
