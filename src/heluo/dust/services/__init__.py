"""Dust control's domain rules, one module per part of the loop. Views, the API, imports, commands and
the demo call these."""

from .enforcement import (
    add_finding,
    after_reinspection,
    end_count,
    lift_stop_work,
    recompute_counts,
    record_measure,
    running_counts,
    suggest_measure,
)
from .sites import DUST_GRID_ROLES, create_sites, save_site, site_officers, site_place, site_responsible

__all__ = [
    "DUST_GRID_ROLES",
    "add_finding",
    "after_reinspection",
    "create_sites",
    "end_count",
    "lift_stop_work",
    "recompute_counts",
    "record_measure",
    "running_counts",
    "save_site",
    "site_officers",
    "site_place",
    "site_responsible",
    "suggest_measure",
]
