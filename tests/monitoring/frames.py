"""Frames and sites for the monitoring platform's tests: minute data of a monitor over an hour, sent
through the same path as the HTTP and MQTT ingest (intake.ingest: admission, storage, hooks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from heluo.core.models import Account, Division, Grid, GridMembership, GridRole
from heluo.monitoring.hj212 import BEIJING, build_frame, format_data_time
from heluo.monitoring.models import Monitor
from heluo.monitoring.services.intake import FrameResult, ingest

from .factories import XIGUAN, monitor

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
    """A monitor on a site in 西关街道 whose grid has the demo grid officer (wangge) as 网格员."""
    street = Division.objects.get(code=XIGUAN)
    grid = Grid.objects.create(name=f"西关扬尘测试网格{Grid.objects.count()}", division=street)
    officer = Account.objects.get(user__username="wangge")
    GridMembership.objects.create(
        grid=grid,
        person=officer.person,
        role=GridRole.objects.get(code="grid_member"),
        start=dt.date(2019, 1, 1),
    )
    device = monitor(XIGUAN, **fields)
    device.site.grid = grid
    device.site.save()
    return device
