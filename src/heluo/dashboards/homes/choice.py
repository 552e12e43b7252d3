"""Pure: no Django, no database. Which home a user's roles open.

A user with several roles gets the home of the first of their roles in `PRIORITY`: whoever leads or
administers a territory reads the cockpit; then the roles with a day's work list (supervisor, grid
officer); then the module roles. A role not listed (unit leader, a city's own roles) opens no home of
this part: core's start page answers.
"""

from __future__ import annotations

from collections.abc import Iterable

COCKPIT = "cockpit"
SUPERVISOR = "supervisor"
GRID_OFFICER = "grid_officer"
# The chief service officer's home is the enterprise module's own (heluo.enterprise.service.setup).
SERVICE_OFFICER = "service_officer"
PARTY = "party"
MILITIA = "militia"
STUDYROOMS = "studyrooms"

PRIORITY: tuple[tuple[str, str], ...] = (
    ("leader", COCKPIT),
    ("city_admin", COCKPIT),
    ("department_staff", COCKPIT),
    ("district_admin", COCKPIT),
    ("division_staff", COCKPIT),
    ("supervisor", SUPERVISOR),
    ("grid_officer", GRID_OFFICER),
    ("chief_service_officer", SERVICE_OFFICER),
    ("party_secretary", PARTY),
    ("organisation_department", PARTY),
    ("militia_officer", MILITIA),
    ("culture_office", STUDYROOMS),
)


def home_of(roles: Iterable[str]) -> str | None:
    """The home of the first of `roles` (role codes) in PRIORITY; None when none has one."""
    held = set(roles)
    return next((home for role, home in PRIORITY if role in held), None)
