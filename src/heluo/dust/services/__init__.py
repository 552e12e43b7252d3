"""Dust control's domain rules, one module per part of the loop. Views, the API, imports, commands and
the demo call these."""

from .sites import DUST_GRID_ROLES, create_sites, save_site, site_officers, site_place, site_responsible

__all__ = ["DUST_GRID_ROLES", "create_sites", "save_site", "site_officers", "site_place", "site_responsible"]
from .checklists import (
    checklists_in_force,
    default_checklist,
    new_version,
    save_checklist,
    save_checklist_item,
)
from .inspections import (
    ItemResult,
    Patrol,
    Submission,
    inspection_panel,
    last_inspected_on,
    report_patrol,
    save_inspection,
    save_patrol_report,
    submit_inspection,
)

__all__ += [
    "ItemResult",
    "Patrol",
    "Submission",
    "checklists_in_force",
    "default_checklist",
    "inspection_panel",
    "last_inspected_on",
    "new_version",
    "report_patrol",
    "save_checklist",
    "save_checklist_item",
    "save_inspection",
    "save_patrol_report",
    "submit_inspection",
]  # fmt: skip
