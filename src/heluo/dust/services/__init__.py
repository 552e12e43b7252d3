"""Dust control's domain rules, one module per part of the loop. Views, the API, imports, commands and
the demo call these."""

from .grids import AnsweredSites, assign_package_area, create_package_area, sites_answered_by, watched_sites
from .sites import DUST_GRID_ROLES, create_sites, save_site, site_officers, site_place, site_responsible
from .waste import cover_case_changed, create_waste_records, open_uncovered_cases, save_cover_record

__all__ = [
    "DUST_GRID_ROLES",
    "AnsweredSites",
    "assign_package_area",
    "cover_case_changed",
    "create_package_area",
    "create_sites",
    "create_waste_records",
    "open_uncovered_cases",
    "save_cover_record",
    "save_site",
    "site_officers",
    "site_place",
    "site_responsible",
    "sites_answered_by",
    "watched_sites",
]
