"""Dust control's domain rules, one module per part of the loop. Views, the API, imports, commands and
the demo call these."""

from .sites import DUST_GRID_ROLES, create_sites, save_site, site_officers, site_place, site_responsible

__all__ = ["DUST_GRID_ROLES", "create_sites", "save_site", "site_officers", "site_place", "site_responsible"]
