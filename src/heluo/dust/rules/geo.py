"""Distances and bearings between points given as longitude and latitude in degrees. Pure: no Django, no
database.

The haversine formula on a sphere of the mean Earth radius: within a city it differs from the ellipsoid
by well under 0.5 %, far less than the width of a site.
"""

from __future__ import annotations

import math

EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """The great-circle distance in metres between two points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """The initial bearing from the first point to the second, in degrees clockwise from north [0, 360)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dlambda = math.radians(lon2 - lon1)
    x = math.sin(dlambda) * math.cos(phi2)
    y = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlambda)
    return math.degrees(math.atan2(x, y)) % 360


def angle_between(a: float, b: float) -> float:
    """The smaller angle between two bearings, in degrees [0, 180]."""
    difference = abs(a - b) % 360
    return min(difference, 360 - difference)


# The 16 points of the compass clockwise from north, in English and as Chinese forecasts write them.
COMPASS_EN = (
    "N",
    "NNE",
    "NE",
    "ENE",
    "E",
    "ESE",
    "SE",
    "SSE",
    "S",
    "SSW",
    "SW",
    "WSW",
    "W",
    "WNW",
    "NW",
    "NNW",
)
COMPASS_ZH = ("北", "东北偏北", "东北", "东北偏东", "东", "东南偏东", "东南", "东南偏南", "南", "西南偏南", "西南",
              "西南偏西", "西", "西北偏西", "西北", "西北偏北")  # fmt: skip
# Other Chinese spellings of the same points (北东北 = 东北偏北 …).
COMPASS_ZH_ALIASES = {"北东北": 1, "东东北": 3, "东东南": 5, "南东南": 7, "南西南": 9, "西西南": 11, "西西北": 13,
                      "北西北": 15}  # fmt: skip


def compass_degrees(text: str) -> int | None:
    """A wind direction written as a point of the compass (东北, 东北风, NE, nne) in degrees clockwise
    from north (东北 → 45, 东北偏北 → 23: half degrees up); None when the text is no such point."""
    word = text.strip().removesuffix("风").strip()
    for index, (english, chinese) in enumerate(zip(COMPASS_EN, COMPASS_ZH, strict=True)):
        if word.upper() == english or word == chinese:
            return math.floor(index * 22.5 + 0.5)
    alias = COMPASS_ZH_ALIASES.get(word)
    return math.floor(alias * 22.5 + 0.5) if alias is not None else None
