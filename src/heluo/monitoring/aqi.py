"""The air quality index of HJ 633 for particulates (PM10, PM2.5). Pure: no Django, no database.

Two standards apply, chosen by the date of the data: HJ 633-2012 for data before 2026-03-01 and
HJ 633-2026 from then on (new PM10 and PM2.5 breakpoints; hourly reports may give an IAQI for a 1-hour
concentration with the daily breakpoints, where 2012 used the 24-hour sliding average). Each IAQI is
rounded up to an integer (进位取整); a concentration above the top breakpoint is reported as above the
table ("> 500"), never extrapolated. Concentrations are first rounded as HJ 663 says (integers of
µg/m³, GB/T 8170: half to even), so a page, a rollup and `heluo aqi` all give the same index.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from heluo.monitoring.validity import round_hj663

STANDARD_2012 = "HJ 633-2012"
STANDARD_2026 = "HJ 633-2026"
SWITCH_DATE = date(2026, 3, 1)  # HJ 633-2026 in force
TOP_IAQI = 500
IAQI_STEPS = (0, 50, 100, 150, 200, 300, 400, 500)
# 24-hour breakpoints in µg/m³ (2026 uses them for 1-hour concentrations too).
BREAKPOINTS: dict[str, dict[str, tuple[int, ...]]] = {
    STANDARD_2012: {"pm10": (0, 50, 150, 250, 350, 420, 500, 600), "pm25": (0, 35, 75, 115, 150, 250, 350, 500)},
    STANDARD_2026: {"pm10": (0, 50, 120, 250, 350, 420, 500, 600), "pm25": (0, 35, 60, 115, 150, 250, 350, 500)},
}  # fmt: skip
POLLUTANT_NAMES = {"pm10": "PM10", "pm25": "PM2.5"}


@dataclass(frozen=True, slots=True)
class Category:
    level: int
    name: str  # the category's Chinese name, as HJ 633 writes it
    colour_name: str
    colour: str  # the RGB of HJ 633's table, as #RRGGBB
    low: int  # the category's AQI range
    high: int | None


CATEGORIES = (
    Category(1, "优", "绿色", "#00E400", 0, 50),
    Category(2, "良", "黄色", "#FFFF00", 51, 100),
    Category(3, "轻度污染", "橙色", "#FF7E00", 101, 150),
    Category(4, "中度污染", "红色", "#FF0000", 151, 200),
    Category(5, "重度污染", "紫色", "#99004C", 201, 300),
    Category(6, "严重污染", "褐红色", "#7E0023", 301, None),
)


@dataclass(frozen=True, slots=True)
class Iaqi:
    """One pollutant's index: `value` is None when the concentration is above the table (> 500)."""

    pollutant: str
    concentration: int  # µg/m³, rounded as HJ 663 says
    value: int | None

    @property
    def above_table(self) -> bool:
        return self.value is None

    @property
    def sort_key(self) -> int:
        return TOP_IAQI + 1 if self.value is None else self.value

    def text(self) -> int | str:
        return f"> {TOP_IAQI}" if self.value is None else self.value


@dataclass(frozen=True, slots=True)
class AqiResult:
    standard: str
    iaqi: tuple[Iaqi, ...]

    @property
    def highest(self) -> Iaqi:
        return max(self.iaqi, key=lambda item: item.sort_key)

    @property
    def aqi(self) -> int | None:
        """The AQI, None when it is above the table (> 500)."""
        return self.highest.value

    @property
    def category(self) -> Category:
        return category_of(self.highest.sort_key)

    @property
    def primary(self) -> tuple[str, ...]:
        """The primary pollutant(s): those with the highest IAQI, named only when the AQI is above 50."""
        top = self.highest.sort_key
        if top <= 50:
            return ()
        return tuple(POLLUTANT_NAMES[item.pollutant] for item in self.iaqi if item.sort_key == top)

    @property
    def exceeding(self) -> tuple[str, ...]:
        """Pollutants over the standard: IAQI above 100."""
        return tuple(POLLUTANT_NAMES[item.pollutant] for item in self.iaqi if item.sort_key > 100)

    def as_dict(self) -> dict[str, object]:
        category = self.category
        return {
            "standard": self.standard,
            "aqi": self.highest.text(),
            "level": category.level,
            "category": category.name,
            "colour": category.colour,
            "primary": list(self.primary),
            "exceeding": list(self.exceeding),
            "iaqi": {POLLUTANT_NAMES[item.pollutant]: item.text() for item in self.iaqi},
            "concentrations": {POLLUTANT_NAMES[item.pollutant]: item.concentration for item in self.iaqi},
        }


def standard_for(day: date) -> str:
    """The standard that applies to data of `day` (Beijing date)."""
    return STANDARD_2026 if day >= SWITCH_DATE else STANDARD_2012


def category_of(index: int) -> Category:
    """The category of an AQI (or IAQI); anything above 300 is 严重污染."""
    for category in CATEGORIES:
        if category.high is None or index <= category.high:
            return category
    return CATEGORIES[-1]


def checked_concentration(pollutant: str, value: float) -> int:
    """A concentration as HJ 663 rounds it; ValueError for one that is not a finite, non-negative number."""
    if pollutant not in POLLUTANT_NAMES:
        raise ValueError(f"unknown pollutant {pollutant!r}")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{POLLUTANT_NAMES[pollutant]}: {value!r} is not a number")
    if value < 0:
        raise ValueError(f"{POLLUTANT_NAMES[pollutant]}: a concentration cannot be negative ({value})")
    return int(round_hj663(float(value), 0))


def iaqi(pollutant: str, concentration: float, standard: str) -> Iaqi:
    """One pollutant's IAQI: linear between the breakpoints around it, rounded up; None above 500."""
    rounded = checked_concentration(pollutant, concentration)
    points = BREAKPOINTS[standard][pollutant]
    if rounded > points[-1]:
        return Iaqi(pollutant, rounded, None)
    for index in range(1, len(points)):
        low, high = points[index - 1], points[index]
        if rounded <= high:
            i_low, i_high = IAQI_STEPS[index - 1], IAQI_STEPS[index]
            # Exact arithmetic: a float would turn 100 into 100.00000000000001 and round it up to 101.
            exact = Fraction(i_high - i_low, high - low) * (rounded - low) + i_low
            return Iaqi(pollutant, rounded, math.ceil(exact))
    raise AssertionError("unreachable: the last breakpoint was checked above")


def aqi(concentrations: Mapping[str, float | None], day: date) -> AqiResult:
    """The AQI of the given concentrations (µg/m³, keyed "pm10"/"pm25"; None values are left out) for
    data of `day`. ValueError when none is given or one is not a finite, non-negative number."""
    standard = standard_for(day)
    items = tuple(
        iaqi(pollutant, value, standard)
        for pollutant, value in sorted(concentrations.items())
        if value is not None
    )
    if not items:
        raise ValueError("give at least one concentration (PM2.5 or PM10)")
    return AqiResult(standard, items)


def hourly_concentrations(
    day: date, hourly: Mapping[str, float | None], sliding: Mapping[str, float | None]
) -> dict[str, float | None]:
    """What an hourly report indexes: the 1-hour values under HJ 633-2026, the 24-hour sliding averages
    under HJ 633-2012 (which has no 1-hour particulate breakpoints)."""
    return dict(hourly) if standard_for(day) == STANDARD_2026 else dict(sliding)
