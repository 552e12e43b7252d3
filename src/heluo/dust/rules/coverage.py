"""Pure: no Django, no database. The coverage report's rules: which sites need on-line monitoring, and
which have gone uninspected too long.

Henan's 2017 rule (河南省建筑工地扬尘防治): a building site from 10,000 m² of floor area and linear works
(roads, pipelines, rivers) from 200 m long need on-line monitoring and video. The thresholds are settings
(HELUO_DUST_MONITOR_FLOOR_AREA_M2, HELUO_DUST_MONITOR_LENGTH_M); the callers pass them in.
"""

from __future__ import annotations

import datetime as dt

# Kinds of works measured by their length (SiteKind values); the others by their floor area.
LINEAR_KINDS = frozenset({"road", "municipal", "water"})
BUILDING_KINDS = frozenset({"building"})


def needs_monitor(kind: str, floor_area: int | None, length: int | None, *, floor_area_from: int,
                  length_from: int) -> bool:  # fmt: skip
    """Whether a site of this kind and size needs on-line monitoring: a building from `floor_area_from`
    m², linear works from `length_from` m. An unknown size needs none (the report lists it as such)."""
    if kind in BUILDING_KINDS:
        return floor_area is not None and floor_area >= floor_area_from
    if kind in LINEAR_KINDS:
        return length is not None and length >= length_from
    return False


def uninspected(last: dt.date | None, today: dt.date, days: int) -> bool:
    """Whether a site last inspected on `last` (None: never) counts as not inspected for `days` days on
    `today`: never inspected, or its last inspection `days` or more days ago."""
    return last is None or (today - last).days >= days
