"""The monitoring part of the Luoyang demo: one dust monitor at each demo monitoring point, a sample of
the city's control stations with their last hours, and the monitors' last hours of values.

Most monitors speak HJ 212-2017; some older ones 2005 (14-character MN, vendor factor names); a few new
ones 2025, half of those encrypting with SM4. A few send mg/m³ or a byte-swapped CRC, as real devices
do. Idempotent (a point that has a monitor gets no second one, an hour that has values no second set);
every ledger row is marked demo.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from heluo.core.models import Division
from heluo.core.services.audit import audited_bulk_create
from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.ingest.rows import FACTOR_COLUMNS
from heluo.monitoring.simulation import Weather
from heluo.monitoring.validity import HourStats, Sample, merge_hours, sample_stats

from .models import (
    ControlReading,
    ControlStation,
    HourlyValue,
    Monitor,
    MonitoringPoint,
    ParticulateUnit,
    ProtocolVersion,
    Sm4Padding,
)
from .services import rollups

VENDORS = ("洛阳某环保科技 YC-3000", "河南某仪器 PM-100", "郑州某电子 DM-6", "某智能 TSP-2")


def demo_mn(version: str, number: int) -> str:
    """A synthetic MN: 14 digits for 2005 devices, 24 characters (0–9, A–F) for later ones."""
    if version == ProtocolVersion.HJT212_2005:
        return f"4103{number:010d}"
    return f"410300D3{number:016X}"


@transaction.atomic
def load_demo(operator: Any) -> Counter[str]:
    """Load monitoring's part of the demo. Returns what was created (nothing on a second run)."""
    created = load_monitors(operator)
    created.update(load_platform_demo(operator))
    return created


def load_monitors(operator: Any) -> Counter[str]:
    """Register a monitor at every demo monitoring point that has none. Returns what was created."""
    created: Counter[str] = Counter()
    points = list(MonitoringPoint.objects.filter(is_demo=True, monitors__isnull=True).order_by("pk"))
    if not points:
        return created
    monitors = []
    for point in points:
        # Seeded by the point, so a point's monitor is the same whenever it is created.
        rng = random.Random(point.pk * 7919)
        version = rng.choices(
            [ProtocolVersion.HJ212_2017, ProtocolVersion.HJT212_2005, ProtocolVersion.HJ212_2025],
            weights=[70, 20, 10],
        )[0]
        encrypts = version == ProtocolVersion.HJ212_2025 and rng.random() < 0.5
        monitors.append(
            Monitor(
                mn=demo_mn(version, point.pk),
                pw=f"{rng.randrange(10**6):06d}",
                point=point,
                name="扬尘在线监测仪",
                vendor=rng.choice(VENDORS),
                protocol_version=version,
                particulate_unit=ParticulateUnit.MG_M3 if rng.random() < 0.1 else ParticulateUnit.UG_M3,
                accept_crc_swapped=rng.random() < 0.05,
                sm4_key=f"{rng.getrandbits(128):032X}" if encrypts else "",
                sm4_padding=Sm4Padding.PKCS7 if encrypts else Sm4Padding.NONE,
                is_demo=True,
            )
        )
    for monitor in monitors:
        monitor.full_clean(validate_unique=False)
    audited_bulk_create(Monitor, monitors, user=operator)
    created[str(Monitor._meta.verbose_name_plural)] += len(monitors)
    return created


# --- the monitoring platform's part: control stations, their recent hours, and the monitors' history ---

STATIONS_FILE = Path(__file__).parent / "data" / "luoyang_control_stations.csv"
HISTORY_HOURS = 48
SAMPLES_PER_HOUR = 12  # one every 5 minutes, each covering its 5 minutes


def _stations(operator: Any, created: Counter[str]) -> list[ControlStation]:
    lines = [
        line for line in STATIONS_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    rows = list(csv.DictReader(lines))
    existing = set(ControlStation.objects.values_list("code", flat=True))
    divisions = {d.code: d for d in Division.objects.filter(code__in=[row["division"] for row in rows])}
    new = []
    for row in rows:
        if row["code"] in existing or row["division"] not in divisions:
            continue
        station = ControlStation(
            code=row["code"], name=row["name"], kind=row["kind"], division=divisions[row["division"]],
            longitude=Decimal(row["longitude"]), latitude=Decimal(row["latitude"]), is_demo=True,
            notes="示例数据，非官方发布：站点编码为虚构，坐标为近似值。",
        )  # fmt: skip
        station.full_clean(validate_unique=False)
        new.append(station)
    audited_bulk_create(ControlStation, new, user=operator)
    if new:
        created[str(ControlStation._meta.verbose_name_plural)] += len(new)
    return list(ControlStation.objects.filter(is_demo=True).order_by("code"))


def _control_hours(
    operator: Any, stations: list[ControlStation], hours: list[datetime], created: Counter[str]
) -> None:
    """Hourly PM10/PM2.5 of the demo stations: a city's day (morning and evening peaks), seeded."""
    if ControlReading.objects.filter(is_demo=True).exists():
        return  # loaded once: a later run must not add the hours since
    new = []
    for station in stations:
        weather = Weather.for_station(station.code, seed=7)
        for hour in hours:
            values = weather.values(hour.astimezone(BEIJING).replace(tzinfo=None))
            new.append(
                ControlReading(
                    station=station,
                    hour=hour,
                    pm10=round(values["a34002"] * 0.8),
                    pm25=round(values["a34004"] * 0.8),
                    is_demo=True,
                )
            )
    audited_bulk_create(ControlReading, new, user=operator)
    created[str(ControlReading._meta.verbose_name_plural)] += len(new)


def _history(hours: list[datetime], created: Counter[str]) -> None:
    """Hourly values of the demo monitors for the last hours, generated directly from the simulation's
    curves (there are no readings behind them): the pages have something to show from the start."""
    if HourlyValue.objects.filter(monitor__is_demo=True).exists():
        return  # loaded once (or the monitors have real data by now)
    monitors = list(Monitor.objects.filter(is_demo=True).order_by("pk"))
    added: dict[rollups.Key, HourStats] = {}
    for monitor in monitors:
        weather = Weather.for_station(monitor.mn)
        for hour in hours:
            local = hour.astimezone(BEIJING).replace(tzinfo=None)
            stats: HourStats = {}
            for sample in range(SAMPLES_PER_HOUR):
                moment = local + timedelta(minutes=sample * 60 // SAMPLES_PER_HOUR)
                values = {FACTOR_COLUMNS[code]: value for code, value in weather.values(moment).items()}
                stats = merge_hours(
                    stats, sample_stats(Sample(moment.minute, 60 // SAMPLES_PER_HOUR, values, {}))
                )
            added[(monitor.pk, hour)] = stats
    if added:
        rollups.store_generated(added)
        created[str(HourlyValue._meta.verbose_name_plural)] += len(added)


@transaction.atomic
def load_platform_demo(operator: Any) -> Counter[str]:
    """Control stations (a sample) with their last hours, and the demo monitors' last hours."""
    created: Counter[str] = Counter()
    now = rollups.hour_of(timezone.now())
    hours = [now - timedelta(hours=step) for step in range(HISTORY_HOURS, 0, -1)]
    stations = _stations(operator, created)
    _control_hours(operator, stations, hours, created)
    _history(hours, created)
    return created
