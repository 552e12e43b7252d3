"""Dust control's domain rules, one module per part of the loop. Views, the API, imports, commands and
the demo call these."""

from .checklists import (
    checklists_in_force,
    default_checklist,
    new_version,
    save_checklist,
    save_checklist_item,
)
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
from .grids import (
    AnsweredSites,
    assign_package_area,
    create_package_area,
    sites_answered_by,
    watched_sites,
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
from .sites import (
    DUST_GRID_ROLES,
    create_sites,
    save_site,
    site_officers,
    site_place,
    site_responsible,
)
from .waste import (
    cover_case_changed,
    create_waste_records,
    open_uncovered_cases,
    save_cover_record,
)

__all__ = [
    "DUST_GRID_ROLES",
    "AnsweredSites",
    "ItemResult",
    "Patrol",
    "Submission",
    "add_finding",
    "after_reinspection",
    "assign_package_area",
    "checklists_in_force",
    "cover_case_changed",
    "create_package_area",
    "create_sites",
    "create_waste_records",
    "default_checklist",
    "end_count",
    "inspection_panel",
    "last_inspected_on",
    "lift_stop_work",
    "new_version",
    "open_uncovered_cases",
    "recompute_counts",
    "record_measure",
    "report_patrol",
    "running_counts",
    "save_checklist",
    "save_checklist_item",
    "save_cover_record",
    "save_inspection",
    "save_patrol_report",
    "save_site",
    "site_officers",
    "site_place",
    "site_responsible",
    "sites_answered_by",
    "submit_inspection",
    "suggest_measure",
    "watched_sites",
]
