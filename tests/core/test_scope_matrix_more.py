"""The scope matrix, continued over the other ways in: Excel exports of every ledger row, and the
function views of supervision and monitoring (a case's notice, the overdue list; a point's curves, the
alarms, the live list, offline devices, data capture, the message log, the conflicts), for every demo
role. Expectations are written out by hand: who may view the model (else 403) and who sees the row
(else 404, or absent from the list)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from heluo.cases.models import CaseCategory
from heluo.cases.services import transitions
from heluo.cases.services.registration import Registration, register_case
from heluo.core.ledger import ledger_for
from heluo.core.models import Division, Unit
from heluo.core.services import transfer
from heluo.monitoring.models import Alarm, AlarmRule, MessageLog, Monitor, MonitoringPoint, ReadingConflict
from heluo.monitoring.services.alarms import raise_alarm
from tests.core.test_scope_matrix import EVERYONE, PERMISSIONS, VISIBLE, Row, rows  # noqa: F401  (its fixture)

XIGUAN = "410302001000"  # 西关街道, 老城区
# A supervised case and a monitor, both in 西关街道: who may open their module's pages, and who sees them.
CASE_VIEWERS = EVERYONE
CASE_VISIBLE = {"admin", "laocheng", "zhujian", "duban", "lingdao", "fuwuguan", "junfenqu", "root"}
MONITOR_VIEWERS = {
    "admin",
    "laocheng",
    "gaoxin",
    "zhujian",
    "luolong",
    "mengjin",
    "duban",
    "lingdao",
    "noscope",
    "root",
    "wangge",
}
MONITOR_VISIBLE = {"admin", "laocheng", "zhujian", "duban", "lingdao", "root"}


@pytest.fixture
def matrix(request: pytest.FixtureRequest) -> dict[str, Row]:
    """The rows of the pages' scope matrix (tests/core/test_scope_matrix.py)."""
    return request.getfixturevalue("rows")  # type: ignore[no-any-return]


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_an_export_holds_only_rows_in_scope(
    matrix: dict[str, Row], users: dict[str, Any], username: str
) -> None:
    user = users.get(username) or get_user_model().objects.get(username=username)
    wrong = []
    for row in matrix.values():
        if username not in PERMISSIONS[type(row.obj)]["view"]:
            continue  # the export page refuses them first (403), as every page of the ledger
        ledger = ledger_for(row.obj)
        _name, data, _count = transfer.export_to_bytes(ledger, user, f"q={row.token}")  # type: ignore[arg-type]
        ids = {
            values[0]
            for values in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(
                min_row=2, values_only=True
            )
        }
        if (row.obj.pk in ids) != (username in VISIBLE[row.key]):
            wrong.append(row.key)
    assert wrong == []


@pytest.fixture
def watched(db: Any, users: dict[str, Any]) -> dict[str, Any]:
    """An overdue case and a monitor with an alarm, a log line and a conflict, all in 西关街道."""
    get_user_model().objects.create_superuser("root", "", "x")
    from heluo.core.models import Role
    from heluo.core.services.accounts import create_account, system_operator

    create_account(
        system_operator(),
        username="noscope",
        roles=[Role.objects.get(code="division_staff")],
        password="x" * 12,
    )
    supervisor = users["duban"]
    case = register_case(
        supervisor,
        Registration(
            title="矩阵督办事项",
            category=CaseCategory.objects.get(code="dust"),
            division=Division.objects.get(code=XIGUAN),
        ),
        at=timezone.now() - dt.timedelta(days=30),
    )
    case, _warnings = transitions.assign_case(
        supervisor,
        case,
        unit=Unit.objects.get(name="西关街道办事处"),
        days=1,
        at=timezone.now() - dt.timedelta(days=30),
    )
    point = MonitoringPoint.objects.create(name="矩阵监测点", division=Division.objects.get(code=XIGUAN))
    monitor = Monitor.objects.create(mn="MATRIX000001", pw="123456", point=point)
    raise_alarm(
        AlarmRule.objects.get(code="pm10_hourly_150"), monitor.pk, point.pk, timezone.now(), 180.0, 180.0
    )
    MessageLog.objects.create(at=timezone.now(), mn=monitor.mn, direction="in", text="##MATRIXFRAME")
    ReadingConflict.objects.create(
        monitor=monitor, mn=monitor.mn, cn="2011", data_time=timezone.now(), digest="m", received_at=timezone.now(),
        raw="##MATRIXCONFLICT",
    )  # fmt: skip
    return {"case": case, "point": point, "monitor": monitor, "alarm": Alarm.objects.get(point=point)}


def _status(viewers: set[str], visible: set[str], username: str) -> int:
    return 403 if username not in viewers else 200 if username in visible else 404


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_supervisions_own_pages_follow_the_scope(
    watched: dict[str, Any], client_as: Any, username: str
) -> None:
    client = client_as(username)
    case = watched["case"]
    expected = _status(CASE_VIEWERS, CASE_VISIBLE, username)
    assert client.get(f"/cases/cases/{case.pk}/notice/").status_code == expected
    overdue = client.get("/cases/overdue/")
    assert overdue.status_code == (403 if username not in CASE_VIEWERS else 200)
    if overdue.status_code == 200:
        assert (case.number in overdue.content.decode()) == (username in CASE_VISIBLE)


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_monitorings_own_pages_follow_the_scope(
    watched: dict[str, Any], client_as: Any, username: str
) -> None:
    client = client_as(username)
    point, monitor, alarm = watched["point"], watched["monitor"], watched["alarm"]
    expected = _status(MONITOR_VIEWERS, MONITOR_VISIBLE, username)
    assert client.get(f"/monitoring/points/{point.pk}/curves/").status_code == expected
    assert client.get(f"/monitoring/alarms/{alarm.pk}/").status_code == expected
    listed = {
        "/monitoring/live/list/": monitor.mn,
        "/monitoring/alarms/": point.name,
        "/monitoring/offline/": monitor.mn,
        "/monitoring/capture/": monitor.mn,
        "/monitoring/log/": "MATRIXFRAME",
        "/monitoring/conflicts/": "MATRIXCONFLICT",
    }
    wrong = []
    for url, text in listed.items():
        response = client.get(url)
        if username not in MONITOR_VIEWERS:
            if response.status_code != 403:
                wrong.append((url, response.status_code))
        elif response.status_code != 200 or (text in response.content.decode()) != (
            username in MONITOR_VISIBLE
        ):
            wrong.append((url, response.status_code))
    assert wrong == []


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_the_export_page_refuses_who_may_not_view_the_ledger(
    matrix: dict[str, Row], client_as: Any, username: str
) -> None:
    """Who may not view a ledger (every user but the militia officers, for the militia's) is answered 403
    on its export page, before any row is read."""
    client = client_as(username)
    wrong = []
    for row in matrix.values():
        status = client.get(ledger_for(row.obj).url("export"), {"q": row.token}).status_code  # type: ignore[union-attr]
        if (status == 403) != (username not in PERMISSIONS[type(row.obj)]["view"]):
            wrong.append((row.key, status))
    assert wrong == []
