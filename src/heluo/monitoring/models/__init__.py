"""Monitoring's models: the devices and what they send (`devices`), the hourly and daily values built
from it (`rollups`), the control stations the difference method compares with (`stations`), and the
alarm rules, alarms and their state (`alarms`); the places monitors watch (`points`)."""

from .alarms import Alarm, AlarmRule, AlarmState, AlarmStreak
from .devices import (
    Direction,
    MessageLog,
    Monitor,
    MonitorStatus,
    ParticulateUnit,
    ProtocolVersion,
    Reading,
    ReadingConflict,
    Sm4Padding,
    UnknownDevice,
    validate_mn,
    validate_pw,
    validate_sm4_key,
)
from .points import MonitoringPoint
from .rollups import ABOVE_TABLE, CommittedBatch, DailyValue, HourlyValue, LatestHour
from .stations import ControlReading, ControlStation, StationKind

__all__ = [
    "ABOVE_TABLE",
    "Alarm",
    "AlarmRule",
    "AlarmState",
    "AlarmStreak",
    "CommittedBatch",
    "ControlReading",
    "ControlStation",
    "DailyValue",
    "Direction",
    "HourlyValue",
    "LatestHour",
    "MessageLog",
    "Monitor",
    "MonitorStatus",
    "MonitoringPoint",
    "ParticulateUnit",
    "ProtocolVersion",
    "Reading",
    "ReadingConflict",
    "Sm4Padding",
    "StationKind",
    "UnknownDevice",
    "validate_mn",
    "validate_pw",
    "validate_sm4_key",
]
