"""The daily decision on a demolition site's work (拆迁工地会商研判). Pure: no Django, no database.

The rules are data (dust's `ConsultationRule` rows), tried in their order: the first whose every
condition holds decides; when none does, the work is allowed. A condition on an input that is missing
(no forecast, no AQI, no receptor on file) does not hold: the board shows the gap and the officer who
confirms decides with it in view. A rule without conditions always holds (a catch-all at the end).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .geo import angle_between

ALLOWED = "allowed"
WET_ONLY = "wet_only"
STOPPED = "stopped"

# The heavy-pollution alert colours (重污染天气预警) in rising order.
ALERT_LEVELS = ("none", "blue", "yellow", "orange", "red")
# A receptor lies downwind when its bearing from the site is within this angle of where the wind blows.
DOWNWIND_HALF_ANGLE = 45.0


@dataclass(frozen=True, slots=True)
class Receptor:
    """A sensitive receptor as the site sees it: how far, and in which direction (degrees from north)."""

    distance_m: float
    bearing_deg: float


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a day's decision for one site looks at."""

    wind_speed: float | None = None  # m/s
    wind_direction: float | None = None  # degrees from north the wind blows from (meteorological)
    precipitation: float | None = None  # mm in the day
    alert: str = "none"  # heavy-pollution alert colour in force
    aqi: int | None = None
    receptors: tuple[Receptor, ...] = ()
    station_distance_m: float | None = None  # to the nearest monitoring station

    def downwind(self, receptor: Receptor) -> bool:
        if self.wind_direction is None:
            return False
        towards = (self.wind_direction + 180) % 360
        return angle_between(receptor.bearing_deg, towards) <= DOWNWIND_HALF_ANGLE


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: every condition given (not None) must hold for `decision` to apply."""

    key: Any
    decision: str
    alert_at_least: str | None = None
    aqi_at_least: int | None = None
    wind_at_least: float | None = None
    precipitation_below: float | None = None
    receptor_within_m: float | None = None
    receptor_downwind: bool = False  # with receptor_within_m: only a receptor downwind counts
    station_within_m: float | None = None

    def holds(self, inputs: Inputs) -> bool:
        if self.alert_at_least is not None and alert_rank(inputs.alert) < alert_rank(self.alert_at_least):
            return False
        if self.aqi_at_least is not None and (inputs.aqi is None or inputs.aqi < self.aqi_at_least):
            return False
        if self.wind_at_least is not None and (
            inputs.wind_speed is None or inputs.wind_speed < self.wind_at_least
        ):
            return False
        if self.precipitation_below is not None and (
            inputs.precipitation is None or inputs.precipitation >= self.precipitation_below
        ):
            return False
        if self.receptor_within_m is not None and not any(
            receptor.distance_m <= self.receptor_within_m
            and (not self.receptor_downwind or inputs.downwind(receptor))
            for receptor in inputs.receptors
        ):
            return False
        return self.station_within_m is None or (
            inputs.station_distance_m is not None and inputs.station_distance_m <= self.station_within_m
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    decision: str
    rule: Any  # the key of the rule that decided, None when none did


def alert_rank(colour: str) -> int:
    """0 for no alert up to 4 for red; ValueError for an unknown colour."""
    try:
        return ALERT_LEVELS.index(colour)
    except ValueError:
        raise ValueError(f"unknown alert colour {colour!r}") from None


def decide(rules: Sequence[Rule], inputs: Inputs) -> Outcome:
    """The decision of the first rule (in the given order) that holds; allowed when none does."""
    for rule in rules:
        if rule.holds(inputs):
            return Outcome(rule.decision, rule.key)
    return Outcome(ALLOWED, None)
