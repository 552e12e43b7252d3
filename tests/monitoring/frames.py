"""Frames and sites for the monitoring platform's tests: minute data of a monitor over an hour, sent
through the same path as the HTTP and MQTT ingest (intake.ingest: admission, storage, hooks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from heluo.core.models import Account, Division, Grid, GridMembership, GridRole, Unit, UnitType
from heluo.dust.models import Site
from heluo.dust.services import site_place
from heluo.monitoring.hj212 import BEIJING, build_frame, format_data_time
from heluo.monitoring.models import Monitor
from heluo.monitoring.services.intake import FrameResult, ingest
from heluo.monitoring.services.points import place_points

from .factories import XIGUAN

DAY = dt.datetime(2026, 11, 20, tzinfo=BEIJING)


def at(hour: int, minute: int = 0, day: dt.datetime = DAY) -> dt.datetime:
    return day + dt.timedelta(hours=hour, minutes=minute)


def frame(
    device: Monitor, moment: dt.datetime, *, pm10: float | None = 100.0, pm25: float | None = 50.0,
    flag: str = "N", cn: str = "2051", extra: Iterable[tuple[str, str]] = (),
) -> bytes:  # fmt: skip
    suffix = "Rtd" if cn == "2011" else "Avg"
    data_time = format_data_time(moment.astimezone(BEIJING).replace(tzinfo=None))
    cp: list[list[tuple[str, str]]] = [[("DataTime", data_time)]]
    if pm10 is not None:
        cp.append([(f"a34002-{suffix}", f"{pm10}"), ("a34002-Flag", flag)])
    if pm25 is not None:
        cp.append([(f"a34004-{suffix}", f"{pm25}"), ("a34004-Flag", flag)])
    cp += [[item] for item in extra]
    return build_frame(st="22", cn=cn, mn=device.mn, pw=device.pw, qn=f"{data_time}000", flag=4, cp=cp)


def send(device: Monitor, frames: list[bytes], now: dt.datetime) -> list[FrameResult]:
    """Frames as the HTTP endpoint and the MQTT subscriber take them, received at `now`."""
    return ingest(frames, mn=device.mn, peer="test", now=now)


def hour_of_frames(device: Monitor, hour: dt.datetime, minutes: Iterable[int], **values: Any) -> list[bytes]:
    return [frame(device, hour + dt.timedelta(minutes=m), **values) for m in minutes]


def officer_site(**fields: Any) -> Monitor:
    """A monitor at the point of a construction site in 西关街道 whose grid has the demo grid officer
    (wangge) as 网格员: dust control's hook names who answers for the point."""
    street = Division.objects.get(code=XIGUAN)
    grid = Grid.objects.create(name=f"西关扬尘测试网格{Grid.objects.count()}", division=street)
    officer = Account.objects.get(user__username="wangge")
    GridMembership.objects.create(
        grid=grid,
        person=officer.person,
        role=GridRole.objects.get(code="grid_member"),
        start=dt.date(2019, 1, 1),
    )
    contractor = Unit.objects.create(
        name=f"西关扬尘测试施工单位{Grid.objects.count()}",
        unit_type=UnitType.objects.get(code="enterprise"),
        division=street,
    )
    site = Site.objects.create(
        name=f"西关扬尘测试工地{Grid.objects.count()}",
        kind="building",
        division=street,
        contractor=contractor,
        grid=grid,
    )
    point = place_points([(site, site_place(site))], user=None)[0]
    fields.setdefault("mn", f"OFFICER{Monitor.objects.count():08d}")
    fields.setdefault("pw", "123456")
    return Monitor.objects.create(point=point, **fields)
