"""A deadline reads the same everywhere: on the case, in the case list, in the overdue list, in the
inbox's digest and in the overdue export — its last day, not 00:00 of the next."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import openpyxl
import pytest
from django.utils import timezone

from heluo.cases.models import Case
from heluo.cases.services.scan import scan
from heluo.cases.services.statistics import Period, workbook
from heluo.core.models import Notification

from .conftest import local

ASSIGNED = local("2026-11-02 10:00")  # Monday; five working days → the deadline ends Monday 9 November, 24:00
DUE = local("2026-11-10 00:00")


@pytest.fixture
def overdue_case(make_case: Any, monkeypatch: pytest.MonkeyPatch) -> Case:
    case = make_case("in_progress", at=ASSIGNED, days=5, title="时限显示测试")
    assert case.due_at == DUE
    monkeypatch.setattr(timezone, "now", lambda: DUE + dt.timedelta(days=2))
    scan(DUE + dt.timedelta(hours=1))
    return Case.objects.get(pk=case.pk)


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


def test_the_deadline_reads_as_its_last_day_on_every_page(client_as: Any, overdue_case: Case) -> None:
    client = client_as("duban")
    pages = {
        "case": client.get(overdue_case.get_absolute_url()).content,
        "list": client.get("/cases/cases/", {"q": overdue_case.number}).content,
        "overdue": client.get("/cases/overdue/").content,
        "inbox": client.get("/core/inbox/").content,
    }
    for name, html in pages.items():
        text = _text(html)
        assert "2026-11-09" in text, name
        assert "2026-11-10 00:00" not in text and "2026年11月" not in text, name


def test_the_overdue_export_holds_the_deadlines_last_day(users: dict[str, Any], overdue_case: Case) -> None:
    period = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    book = openpyxl.load_workbook(
        io.BytesIO(workbook(users["duban"], period, "unit", DUE + dt.timedelta(days=2)))
    )
    rows = [row for row in book.worksheets[1].iter_rows(values_only=True) if row[0] == overdue_case.number]
    assert rows[0][4] == dt.datetime(2026, 11, 9)


def test_the_digest_lists_each_case_once_linked(users: dict[str, Any], overdue_case: Case) -> None:
    digest = Notification.objects.get(recipient=users["duban"], event="cases.overdue")
    links = [entry["link"] for entry in digest.entries]
    assert links == [overdue_case.get_absolute_url()]
    assert digest.entries[0]["text"] == f"{overdue_case.number} 时限显示测试 · 办结时限 2026-11-09"
