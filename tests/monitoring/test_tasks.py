"""Monitoring's periodic tasks run at their Beijing times, whichever clock huey hands their crontab."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from huey.contrib.djhuey import HUEY

from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.tasks import monitoring_retention


@pytest.fixture
def elsewhere(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time is not Beijing's."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def runs_at(moment: dt.datetime) -> bool:
    """Whether huey's consumer starts the retention at `moment`: it tests the naive UTC time when its
    `utc` option is on, else the naive local time."""
    seen = moment.astimezone(dt.UTC) if HUEY.utc else moment.astimezone()
    return bool(monitoring_retention.task_class().validate_datetime(seen.replace(tzinfo=None)))


@pytest.mark.parametrize("utc", [True, False])
def test_retention_runs_at_night_in_beijing(
    monkeypatch: pytest.MonkeyPatch, elsewhere: None, utc: bool
) -> None:
    monkeypatch.setattr(HUEY, "utc", utc)
    night = dt.datetime(2026, 11, 25, 3, 17, tzinfo=BEIJING)
    assert runs_at(night)
    assert not runs_at(night + dt.timedelta(hours=8))  # 11:17 in Beijing is 03:17 UTC
    assert not runs_at(night - dt.timedelta(hours=13))  # 03:17 in New York
