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
