"""A frame as a row of the readings table, and the key that makes storing it idempotent.

The layout is wide (docs/monitoring.md has the measurement): the standard dust factors are columns,
every other value is kept in `extra`, flags other than N in `flags`, and the frame's text in `raw` (its
password blanked: hj212.redact_password).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from heluo.monitoring.hj212 import CN, Frame, Value, redact_password
from heluo.monitoring.ingest.ranges import OUT_OF_RANGE, within_range

# 2017 code → column. Particulates are stored in µg/m³, pressure in kPa.
FACTOR_COLUMNS: dict[str, str] = {
    "a34002": "pm10",
    "a34004": "pm25",
    "a34001": "tsp",
    "LA": "noise",
    "Leq": "noise",  # when a device sends no LA
    "a01007": "wind_speed",
    "a01008": "wind_direction",
    "a01001": "temperature",
    "a01002": "humidity",
    "a01006": "pressure",
}
MEASUREMENT_COLUMNS = (
    "pm10",
    "pm25",
    "tsp",
    "noise",
    "wind_speed",
    "wind_direction",
    "temperature",
    "humidity",
    "pressure",
)
PARTICULATE_COLUMNS = frozenset({"pm10", "pm25", "tsp"})
# The order of the readings table's columns as the storage layer writes them.
COLUMNS = (
    "mn",
    "cn",
    "data_time",
    "pno",
    "pnum",
    "st",
    "qn",
    "flag",
    "received_at",
    "backfill",
    *MEASUREMENT_COLUMNS,
    "flags",
    "extra",
    "problems",
    "raw",
)
# Of two codes for one column, the first is preferred.
_CODE_RANK = {"LA": 0, "Leq": 1}
# Devices that send hPa (1002) where the standard says kPa (100.2): no air pressure on land is 200 kPa.
_HPA_THRESHOLD = 200.0


class ReadingKey(NamedTuple):
    mn: str
    cn: str
    data_time: datetime  # aware
    pno: int


def main_suffixes(cn: str) -> tuple[str, str]:
    """Which suffix gives a factor's value for its column: the real-time value, or the interval's average."""
    return ("Rtd", "Avg") if cn == CN.REALTIME_DATA else ("Avg", "Rtd")


def measurements(
    frame: Frame, particulate_factor: float = 1.0
) -> tuple[dict[str, float], dict[str, str], dict[str, str]]:
    """(column values, other values as "code-suffix": text, data flags other than N by code). A value out
    of its factor's physical range (ingest.ranges) is flagged OUT_OF_RANGE unless its device flagged it."""
    preferred = main_suffixes(frame.cn)
    candidates: dict[str, list[tuple[tuple[int, int], Value]]] = {}
    extra: dict[str, str] = {}
    flags: dict[str, str] = {}
    for value in frame.values:
        if value.flag is not None and value.flag != "N":
            flags[value.code_2017] = value.flag
        column = FACTOR_COLUMNS.get(value.code_2017)
        if column is None or value.suffix not in preferred or not isinstance(value.value, Decimal):
            extra[f"{value.code_2017}-{value.suffix}"] = str(value.value)
            continue
        rank = (preferred.index(value.suffix), _CODE_RANK.get(value.code_2017, 0))
        candidates.setdefault(column, []).append((rank, value))
    columns: dict[str, float] = {}
    for column, ranked in candidates.items():
        ranked.sort(key=lambda item: item[0])
        best = ranked[0][1]
        columns[column] = _normalised(column, float(best.value), particulate_factor)
        if not within_range(column, columns[column]):
            # Kept as sent, and flagged: no statistic, index or alarm counts a flagged value.
            flags.setdefault(best.code_2017, OUT_OF_RANGE)
        for _rank, other in ranked[1:]:
            extra[f"{other.code_2017}-{other.suffix}"] = str(other.value)
    return columns, extra, flags


def _normalised(column: str, number: float, particulate_factor: float) -> float:
    if column in PARTICULATE_COLUMNS and particulate_factor != 1.0:
        return round(number * particulate_factor, 6)
    if column == "pressure" and number > _HPA_THRESHOLD:
        return round(number / 10, 6)
    return number


def reading_row(
    frame: Frame,
    *,
    data_time: datetime,
    received_at: datetime,
    backfill: bool,
    particulate_factor: float = 1.0,
) -> tuple[object, ...]:
    """The row of `frame` in COLUMNS order; `data_time` and `received_at` are aware datetimes."""
    columns, extra, flags = measurements(frame, particulate_factor)
    problems = [f"{problem.reason}:{problem.field}" for problem in frame.problems]
    pnum, pno = packet_numbers(frame)
    return (
        frame.mn,
        frame.cn,
        data_time,
        pno,
        pnum,
        frame.st,
        frame.qn or "",
        frame.flag,
        received_at,
        backfill,
        *(columns.get(name) for name in MEASUREMENT_COLUMNS),
        flags or None,
        extra or None,
        problems or None,
        redact_password(frame.raw),
    )


def packet_numbers(frame: Frame) -> tuple[int, int]:
    """(PNUM, PNO) as stored: 0 and 0 for a whole frame. A part is PNO 1…PNUM; the table refuses others."""
    if frame.pnum is None and frame.pno is None:
        return 0, 0
    return frame.pnum or 0, frame.pno or 0


def reading_key(frame: Frame, data_time: datetime) -> ReadingKey:
    return ReadingKey(frame.mn, frame.cn, data_time, packet_numbers(frame)[1])


def cp_text(raw: str) -> str:
    """The CP content of a stored frame's text (`##` + length + segment + CRC): what its values are.

    Two frames with the same key are the same upload when their CP is the same; QN and CRC may differ
    (a device resending stored data gives it a new QN). Encrypted CP compares as ciphertext: SM4-ECB
    gives the same ciphertext for the same plaintext and key.
    """
    segment = raw[6:-4]
    start = segment.find("CP=&&")
    return segment[start + 5 : -2] if start >= 0 else segment


def content_digest(raw: str) -> str:
    return hashlib.sha256(cp_text(raw).encode("utf-8", errors="surrogateescape")).hexdigest()
