"""Validity (GB 3095-2012 §8), flags and rounding (HJ 663) of hourly and daily statistics."""

from __future__ import annotations

import math

import pytest

from heluo.monitoring.validity import (
    HOUR_MIN_MINUTES,
    Sample,
    Stats,
    day_stats,
    hour_stats,
    merge_hours,
    minute_mask,
    round_hj663,
    sample_stats,
    sliding_average,
)


def minutes(values: dict[int, float], flags: dict[int, str] | None = None, span: int = 1) -> list[Sample]:
    flags = flags or {}
    return [
        Sample(m, span, {"pm10": v}, {"a34002": flags[m]} if m in flags else {}) for m, v in values.items()
    ]


def test_rounding_is_half_to_even() -> None:
    assert [round_hj663(v, 0) for v in (0.5, 1.5, 2.5, 74.5, 75.5, 80.49)] == [0, 2, 2, 74, 76, 80]
    assert round_hj663(63.25, 1) == 63.2


def test_an_hour_is_valid_with_45_minutes_of_data() -> None:
    short = hour_stats(minutes({m: 100.0 for m in range(44)}))
    enough = hour_stats(minutes({m: 100.0 for m in range(45)}))
    assert (short["pm10"].valid, short["pm10"].average("pm10")) == (False, None)
    assert (enough["pm10"].valid, enough["pm10"].average("pm10")) == (True, 100.0)
    assert enough["pm10"].capture == 45 / 60


def test_minute_data_covers_its_interval() -> None:
    stats = hour_stats(minutes({m: 80.0 for m in range(0, 60, 5)}, span=5))
    assert (stats["pm10"].minutes_covered, stats["pm10"].valid, stats["pm10"].count) == (60, True, 12)
    assert minute_mask(58, 5) == (1 << 58) | (1 << 59)  # cut at the hour's end


def test_flagged_values_are_excluded_and_counted() -> None:
    flags = {m: "D" for m in range(10)} | {m: "M" for m in range(10, 15)}
    stats = hour_stats(minutes({m: (999.0 if m < 15 else 60.0) for m in range(60)}, flags))["pm10"]
    assert (stats.count, stats.excluded, stats.minutes_covered, stats.valid) == (45, 15, 45, True)
    assert stats.average("pm10") == 60.0
    assert stats.high == 60.0  # the flagged 999 never counts


def test_merging_parts_gives_the_whole() -> None:
    samples = minutes({m: float(m * 3 % 17 + 40) for m in range(60) if m % 7}, {3: "C"})
    whole = hour_stats(samples)
    merged: dict[str, Stats] = {}
    for part in (samples[:10], samples[10:31], samples[31:]):
        merged = merge_hours(merged, hour_stats(part))
    assert merged["pm10"].as_list()[0] == whole["pm10"].as_list()[0]
    assert merged["pm10"].total == pytest.approx(whole["pm10"].total)
    assert merged["pm10"].as_list()[2:] == whole["pm10"].as_list()[2:]


def test_noise_is_averaged_as_energy() -> None:
    stats = hour_stats([Sample(m, 1, {"noise": 60.0 if m % 2 else 70.0}, {}) for m in range(60)])
    expected = 10 * math.log10((10**6 + 10**7) / 2)
    assert stats["noise"].average("noise") == round(expected, 1) == 67.4


def test_a_day_is_valid_with_20_valid_hours_and_averages_them() -> None:
    valid = hour_stats(minutes({m: 100.0 for m in range(60)}))
    hours = [valid] * 19 + [hour_stats(minutes({m: 50.0 for m in range(30)}))]
    day = day_stats(hours)["pm10"]
    assert (day.hours, day.valid, day.average("pm10")) == (19, False, None)
    twenty = day_stats([valid] * 19 + [hour_stats(minutes({m: 200.0 for m in range(60)}))])["pm10"]
    assert (twenty.hours, twenty.valid, twenty.average("pm10"), twenty.capture) == (20, True, 105.0, 20 / 24)


def test_values_without_a_flag_count_and_non_finite_values_do_not() -> None:
    assert sample_stats(Sample(0, 1, {"pm10": float("nan"), "pm25": 20.0}, {})).keys() == {"pm25"}


def test_the_sliding_average_needs_20_of_24_hours() -> None:
    assert sliding_average([100.0] * 19 + [None] * 5) is None
    assert sliding_average([None] * 4 + [100.0] * 19 + [200.0]) == pytest.approx(105.0)
    assert HOUR_MIN_MINUTES == 45
