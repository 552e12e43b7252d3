"""The monitoring part of the Luoyang demo: one dust monitor at each demo monitoring point, a sample of
the city's control stations with their last hours, and the monitors' last hours of data — sent through
the platform's own storage and hooks, so that a few dusty sites raised alarms and opened cases as they
would have live.

Most monitors speak HJ 212-2017; some older ones 2005 (14-character MN, vendor factor names); a few new
ones 2025, half of those encrypting with SM4. A few send mg/m³ or a byte-swapped CRC, as real devices
do. Idempotent (a point that has a monitor gets no second one, an hour that has values no second set);
every ledger row is marked demo.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from heluo.cases.services.opening import handler_for
from heluo.core.models import Division
from heluo.core.services.audit import audited_bulk_create
from heluo.monitoring import hooks, services
from heluo.monitoring.hj212 import BEIJING, parse_frame
from heluo.monitoring.ingest.batch import Outcome
from heluo.monitoring.ingest.journal import Accepted, Journal
from heluo.monitoring.ingest.policy import Device
from heluo.monitoring.points import responsible_for
from heluo.monitoring.simulation import Episode, StationProfile, Weather, minute_frame

from .models import (
    Alarm,
    ControlReading,
    ControlStation,
    Monitor,
    MonitoringPoint,
    ParticulateUnit,
    ProtocolVersion,
    Reading,
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
                minute_interval=SAMPLE_MINUTES,
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
SAMPLE_MINUTES = 10  # the demo devices upload minute data (CN 2051) every 10 minutes
SAMPLE = timedelta(minutes=SAMPLE_MINUTES)
BATCH_HOURS = 6
DEMO_PEER = "demo"
# Dusty work in the history, by the monitor's place among the demo monitors: (hours before the demo was
# loaded that it began, hours it lasted, PM10 meanwhile). The last still goes on: an active alarm.
HISTORY_EPISODES: dict[int, tuple[tuple[int, int, float], ...]] = {
    7: ((30, 3, 175.0),),
    41: ((27, 4, 240.0),),
    90: ((20, 2, 180.0), (44, 2, 165.0)),
    133: ((9, 3, 260.0),),
    176: ((2, 3, 215.0),),
}
LIVE_EPISODE_PM10 = 230.0


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


def _history(now: datetime, created: Counter[str]) -> None:
    """The demo monitors' last HISTORY_HOURS as their devices would have sent them: minute data every
    SAMPLE_MINUTES, each frame received at the end of its interval and stored as the receiver stores
    it (readings, message log, status), then handed to the after-commit hooks (hourly and daily values,
    then the alarm rules, which open the cases). Statuses, rollups, alarms and cases agree. Loaded once:
    nothing is added when the demo monitors have readings."""
    monitors = list(Monitor.objects.filter(is_demo=True, active=True).order_by("pk"))
    if not monitors or Reading.objects.filter(mn__in=[m.mn for m in monitors]).exists():
        return
    stations = [
        _DemoStation.of(monitor, HISTORY_EPISODES.get(index, ()), now)
        for index, monitor in enumerate(monitors)
    ]
    alarms_before, readings = Alarm.objects.count(), 0
    first = rollups.hour_of(now) - timedelta(hours=HISTORY_HOURS)
    count = int((now - first) / SAMPLE)
    slots = [first + step * SAMPLE for step in range(count) if first + (step + 1) * SAMPLE <= now]
    # Six hours' frames a batch: each run of the hooks refreshes every monitor's days and latest hour,
    # so eight runs cost a sixth of 48 hourly ones; the alarm rules see the same series.
    per_batch = BATCH_HOURS * 60 // SAMPLE_MINUTES
    for start in range(0, len(slots), per_batch):
        batch = [
            station.accepted(slot, sequence)
            for sequence, slot in enumerate(slots[start : start + per_batch], start=start)
            for station in stations
        ]
        readings += _receive(batch)
    created[str(Reading._meta.verbose_name_plural)] += readings
    created[str(Alarm._meta.verbose_name_plural)] += Alarm.objects.count() - alarms_before


def _receive(batch: list[Accepted]) -> int:
    """Store a batch as the receiver does and run the after-commit hooks; returns how many were stored."""
    if not batch:
        return 0
    outcomes = services.write_batch(batch, Journal())
    journal = Journal()
    committed = []
    for item, (outcome, why) in zip(batch, outcomes, strict=True):
        journal.received(item, outcome, why)
        if outcome is not Outcome.REFUSED:
            committed.append(hooks.committed(item, outcome))
    services.write_journal(journal)
    hooks.run_hooks(committed)
    return sum(outcome is Outcome.STORED for outcome, _why in outcomes)


@dataclass
class _DemoStation:
    """One demo monitor's device: how it speaks, what it measures, and how the platform knows it."""

    device: Device
    profile: StationProfile
    weather: Weather

    @classmethod
    def of(
        cls, monitor: Monitor, episodes: tuple[tuple[int, int, float], ...], now: datetime
    ) -> _DemoStation:
        local = now.astimezone(BEIJING).replace(tzinfo=None)
        dusty = tuple(
            Episode(local - timedelta(hours=ago), local - timedelta(hours=ago - hours), pm10)
            for ago, hours, pm10 in episodes
        )
        weather = Weather.for_station(monitor.mn, episodes=dusty)
        return cls(services.device_of(monitor), services.station_profile(monitor), weather)

    def accepted(self, slot: datetime, sequence: int) -> Accepted:
        """The minute data of the interval starting at `slot`, as the receiver admits it."""
        moment = slot.astimezone(BEIJING).replace(tzinfo=None)
        data = minute_frame(self.profile, self.weather, moment, sequence).data
        device = self.device
        ciphers = {device.mn: device.cipher} if device.cipher is not None else None
        frame = parse_frame(data.strip(), crc_variants=device.crc_variants, ciphers=ciphers)
        return Accepted(frame, device, DEMO_PEER, slot + SAMPLE)


def live_episodes(mns: list[str], now: datetime) -> dict[str, tuple[Episode, ...]]:
    """What the demo simulator of `heluo up` lets happen: one simulated monitor without dusty history,
    at a point whose officers include someone with an account that handles cases (the demo's wangge)
    when there is one, starts dusty
    work a minute in, for an hour. Ten readings in a row above 150 raise an alarm some ten minutes
    later, and its case goes to that officer."""
    dusty = [monitor.mn for index, monitor in _demo_monitors() if index in HISTORY_EPISODES]
    quiet = list(
        Monitor.objects.filter(mn__in=mns).exclude(mn__in=dusty).select_related("point").order_by("pk")
    )
    if not quiet:
        return {}
    served = (
        monitor for monitor in quiet if handler_for(responsible_for(monitor.point).officers) is not None
    )
    mn = next(served, quiet[0]).mn
    local = now.astimezone(BEIJING).replace(tzinfo=None)
    return {mn: (Episode(local + timedelta(minutes=1), local + timedelta(hours=1), LIVE_EPISODE_PM10),)}


def _demo_monitors() -> list[tuple[int, Monitor]]:
    return list(enumerate(Monitor.objects.filter(is_demo=True, active=True).order_by("pk")))


@transaction.atomic
def load_platform_demo(operator: Any) -> Counter[str]:
    """Control stations (a sample) with their last hours, and the demo monitors' last hours."""
    created: Counter[str] = Counter()
    now = timezone.now()
    hour = rollups.hour_of(now)
    hours = [hour - timedelta(hours=step) for step in range(HISTORY_HOURS, 0, -1)]
    stations = _stations(operator, created)
    _control_hours(operator, stations, hours, created)
    _history(now, created)
    return created
