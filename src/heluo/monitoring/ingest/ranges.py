"""Physical ranges of the measured factors: a value outside its factor's range is no measurement (a
device's fault, a unit mix-up, a probe such as -5000 or 1e308). It is stored as sent, flagged with
OUT_OF_RANGE in the reading's data flags, and every data flag other than N keeps a value out of the hourly
and daily values, the AQI and the alarms (heluo.monitoring.validity, alarm_rules).

The ranges are data, `heluo/monitoring/data/factor_ranges.csv`, each row with where it comes from.
Pure: no Django.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

RANGES_FILE = Path(__file__).resolve().parent.parent / "data" / "factor_ranges.csv"
# Not an HJ 212 data flag letter (N F M S D C T B): Heluo's own mark of a value out of physical range.
OUT_OF_RANGE = "range"


@dataclass(frozen=True, slots=True)
class FactorRange:
    column: str
    codes: tuple[str, ...]
    low: float
    high: float
    unit: str
    source: str

    def holds(self, value: float) -> bool:
        return math.isfinite(value) and self.low <= value <= self.high


def load_ranges(path: Path = RANGES_FILE) -> dict[str, FactorRange]:
    """The ranges by readings column."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["column"]: FactorRange(
            column=row["column"],
            codes=tuple(row["codes"].split()),
            low=float(row["low"]),
            high=float(row["high"]),
            unit=row["unit"],
            source=row["source"],
        )
        for row in rows
    }


RANGES = load_ranges()


def within_range(column: str, value: float) -> bool:
    """Whether `value` (in the column's stored unit) can be a measurement of the column's factor; a
    column without a range only needs to be a finite number."""
    factor_range = RANGES.get(column)
    return factor_range.holds(value) if factor_range is not None else math.isfinite(value)
