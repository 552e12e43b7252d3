"""Hourly and daily statistics of a monitor's values, with the validity rules of GB 3095-2012 §8 and the
rounding of HJ 663. Pure: no Django, no database.

- Which values count: a value whose data flag is N (normal), or that came without a flag. Every other
  flag (F stopped, M maintenance, S manual, D fault, C calibrating, T above range, B communication
  fault) excludes the value; excluded values are counted, never averaged.
- An hourly value is valid with at least 45 minutes of the hour covered by counted values; a daily
  value with at least 20 valid hourly values (GB 3095-2012, table 4).
- Coverage is counted in minutes: a real-time reading (CN 2011) covers its minute, a minute-data
  reading (CN 2051) its minute and the following ones up to the device's minute interval.
- Averages: arithmetic, except noise, averaged as energy (Leq = 10·lg(mean 10^(L/10))). A daily
  average is the mean of the day's valid hourly averages. Results are rounded as HJ 663 prescribes
  (GB/T 8170, half to even: particulates to whole µg/m³) before any index is computed.

Accumulators are additive (count, total, low, high, minutes as a 60-bit mask, excluded), so merging a
batch's values into an hour gives the same result as computing the hour from all its values at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

VALID_FLAGS = frozenset({"N"})
HOUR_MIN_MINUTES = 45
DAY_MIN_HOURS = 20
MINUTES_PER_HOUR = 60
HOURS_PER_DAY = 24

# Factor → (readings column, 2017 codes whose data flag applies, decimals kept by HJ 663 / usage).
FACTORS: dict[str, tuple[tuple[str, ...], int]] = {
    "pm10": (("a34002",), 0),
    "pm25": (("a34004",), 0),
    "tsp": (("a34001",), 0),
    "noise": (("LA", "Leq"), 1),
    "wind_speed": (("a01007",), 1),
    "temperature": (("a01001",), 1),
    "humidity": (("a01002",), 0),
}
ENERGY_FACTORS = frozenset({"noise"})


def round_hj663(value: float, decimals: int) -> float:
    """`value` rounded to `decimals` places, half to even (GB/T 8170 as HJ 663 applies it)."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_EVEN))


def minute_mask(minute: int, span: int = 1) -> int:
    """The bits of minutes `minute` … `minute + span - 1` of an hour (cut at the hour's end)."""
    first = max(0, min(minute, MINUTES_PER_HOUR - 1))
    last = min(MINUTES_PER_HOUR, first + max(1, span))
    return ((1 << (last - first)) - 1) << first


@dataclass(frozen=True, slots=True)
class Stats:
    """One factor's accumulators over an hour."""

    count: int = 0
    total: float = 0.0  # the sum of the values, or of 10^(L/10) for noise
    low: float | None = None
    high: float | None = None
    minutes: int = 0  # bit m set: minute m of the hour has a counted value
    excluded: int = 0  # values left out for their data flag

    def merge(self, other: Stats) -> Stats:
        return Stats(
            self.count + other.count,
            self.total + other.total,
            _pick(min, self.low, other.low),
            _pick(max, self.high, other.high),
            self.minutes | other.minutes,
            self.excluded + other.excluded,
        )

    @property
    def minutes_covered(self) -> int:
        return self.minutes.bit_count()

    @property
    def valid(self) -> bool:
        return self.count > 0 and self.minutes_covered >= HOUR_MIN_MINUTES

    @property
    def capture(self) -> float:
        """Data capture rate of the hour: minutes covered ÷ 60."""
        return self.minutes_covered / MINUTES_PER_HOUR

    def mean(self, factor: str) -> float | None:
        """The unrounded mean of the counted values (None without any)."""
        if not self.count:
            return None
        if factor in ENERGY_FACTORS:
            return 10 * math.log10(self.total / self.count)
        return self.total / self.count

    def average(self, factor: str) -> float | None:
        """The hour's value as reported: the mean rounded as HJ 663 says, None unless the hour is valid."""
        mean = self.mean(factor)
        return round_hj663(mean, FACTORS[factor][1]) if mean is not None and self.valid else None

    def as_list(self) -> list[float | int | None]:
        return [self.count, self.total, self.low, self.high, self.minutes, self.excluded]

    @classmethod
    def from_list(cls, values: Sequence[float | int | None]) -> Stats:
        count, total, low, high, minutes, excluded = values
        return cls(int(count or 0), float(total or 0.0), low, high, int(minutes or 0), int(excluded or 0))


def _pick(choose: Callable[[float, float], float], a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    if b is None:
        return a
    return choose(a, b)


HourStats = dict[str, Stats]


@dataclass(frozen=True, slots=True)
class Sample:
    """One reading as the statistics see it: where it falls in its hour, its values and data flags."""

    minute: int
    span: int  # minutes it covers: 1 for real-time data, the device's interval for minute data
    values: Mapping[str, float | None]  # by readings column
    flags: Mapping[str, str]  # data flags other than N, by 2017 code


def sample_stats(sample: Sample) -> HourStats:
    """The accumulators one reading adds to its hour."""
    stats: HourStats = {}
    for factor, (codes, _decimals) in FACTORS.items():
        value = sample.values.get(factor)
        if value is None or not math.isfinite(value):
            continue
        flag = next((sample.flags[code] for code in codes if code in sample.flags), "N")
        if flag not in VALID_FLAGS:
            stats[factor] = Stats(excluded=1)
            continue
        total = 10 ** (value / 10) if factor in ENERGY_FACTORS else value
        stats[factor] = Stats(1, total, value, value, minute_mask(sample.minute, sample.span), 0)
    return stats


def merge_hours(a: Mapping[str, Stats], b: Mapping[str, Stats]) -> HourStats:
    merged = dict(a)
    for factor, stats in b.items():
        merged[factor] = merged[factor].merge(stats) if factor in merged else stats
    return merged


def hour_stats(samples: Iterable[Sample]) -> HourStats:
    """The statistics of an hour from all its readings (what a recomputation does)."""
    merged: HourStats = {}
    for sample in samples:
        merged = merge_hours(merged, sample_stats(sample))
    return merged


@dataclass(frozen=True, slots=True)
class DayFactor:
    """One factor over a day, from its hourly statistics."""

    hours: int  # valid hourly values
    mean: float | None  # mean of the valid hourly means (energy mean for noise), unrounded
    low: float | None  # lowest and highest valid hourly mean
    high: float | None
    readings: int  # counted values over the day
    excluded: int
    minutes: int  # minutes covered over the day

    @property
    def valid(self) -> bool:
        return self.hours >= DAY_MIN_HOURS

    @property
    def capture(self) -> float:
        """Data capture rate of the day: valid hourly values ÷ 24."""
        return self.hours / HOURS_PER_DAY

    def average(self, factor: str) -> float | None:
        if self.mean is None or not self.valid:
            return None
        return round_hj663(self.mean, FACTORS[factor][1])

    def as_list(self) -> list[float | int | None]:
        return [self.hours, self.mean, self.low, self.high, self.readings, self.excluded, self.minutes]

    @classmethod
    def from_list(cls, values: Sequence[float | int | None]) -> DayFactor:
        hours, mean, low, high, readings, excluded, minutes = values
        return cls(
            int(hours or 0), mean, low, high, int(readings or 0), int(excluded or 0), int(minutes or 0)
        )


def day_factor(factor: str, hours: Iterable[Stats]) -> DayFactor:
    """A factor's day from its hours' statistics (hours without data may be left out)."""
    means: list[float] = []
    readings = excluded = minutes = 0
    for stats in hours:
        readings += stats.count
        excluded += stats.excluded
        minutes += stats.minutes_covered
        mean = stats.mean(factor)
        if stats.valid and mean is not None:
            means.append(mean)
    if not means:
        return DayFactor(0, None, None, None, readings, excluded, minutes)
    if factor in ENERGY_FACTORS:
        mean_of_day = 10 * math.log10(sum(10 ** (m / 10) for m in means) / len(means))
    else:
        mean_of_day = sum(means) / len(means)
    return DayFactor(len(means), mean_of_day, min(means), max(means), readings, excluded, minutes)


def day_stats(hours: Iterable[Mapping[str, Stats]]) -> dict[str, DayFactor]:
    """Every factor's day from the day's hourly statistics."""
    by_factor: dict[str, list[Stats]] = {}
    for hour in hours:
        for factor, stats in hour.items():
            by_factor.setdefault(factor, []).append(stats)
    return {factor: day_factor(factor, stats) for factor, stats in by_factor.items()}


def sliding_average(hourly_means: Sequence[float | None]) -> float | None:
    """The 24-hour sliding average ending with the last of `hourly_means` (oldest first, one per hour,
    None where an hour is not valid): valid with at least 20 valid hours of the 24, as a daily value."""
    window = [value for value in hourly_means[-HOURS_PER_DAY:] if value is not None]
    if len(window) < DAY_MIN_HOURS:
        return None
    return sum(window) / len(window)
