"""The summary page (/studyrooms/summary/) on hand-made rows: the figures and both sentences for a territory
at a day, the countdown, the breakdown, the workbook, and what it refuses."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from heluo.studyrooms.models import OpeningBalance, RoomState

from .factories import KAIYUAN, LAOCHENG, LUOLONG, XIGUAN, division, month_row, plan, room

pytestmark = pytest.mark.django_db
URL = "/studyrooms/summary/"
D = dt.date


@pytest.fixture
def rows() -> None:
    """老城区: a room open since 2018 with its balance, a 2019 plan of 3 (one open by 30 June, one fitting
    out, one late at 31 August); 洛龙区: a room open since 2017."""
    older = room(XIGUAN, state=RoomState.IN_SERVICE, opened_on=D(2018, 5, 1))
    OpeningBalance.objects.create(room=older, as_of=D(2018, 12, 31), visits=41_000, loans=6_000, returns=5_800,
                                  new_cards=900, events=12, participants=800)  # fmt: skip
    month_row(older, D(2019, 6, 1), visits=1_234, loans=200, returns=190, new_cards=11)
    mine = plan(LAOCHENG, 2019, planned_rooms=3)
    room(XIGUAN, plan=mine, state=RoomState.IN_SERVICE, started_on=D(2019, 2, 1), opened_on=D(2019, 6, 1))
    room(
        XIGUAN, plan=mine, state=RoomState.FITTING_OUT, started_on=D(2019, 4, 1), fitting_out_on=D(2019, 6, 2)
    )
    room(XIGUAN, plan=mine, state=RoomState.PLANNED)
    far = room(KAIYUAN, state=RoomState.IN_SERVICE, opened_on=D(2017, 3, 1))
    month_row(far, D(2019, 6, 1), visits=5_000)


def test_the_page_shows_the_figures_and_both_sentences_at_the_day_chosen(client_as: Any, rows: None) -> None:
    answer = client_as("admin").get(URL, {"day": "2019-06-30"})
    assert answer.status_code == 200
    page = answer.content.decode()
    summary = answer.context["summary"]
    assert summary.sentence.startswith("截至目前,全市已建成开放城市书房3座,累计接待读者4万余人次")
    assert summary.plan_sentence == "今年全市计划新建3座城市书房,目前已建成投用1座,已开工建设或装修1座。"
    assert page.count('data-testid="copy-text"') == 2 and summary.sentence in page
    assert "2019年6月30日" in page
    # The export keeps the page's choice; the header's search box is not filled with it.
    assert '?day=2019-06-30" data-testid="export"' in page and 'value="day=2019-06-30"' not in page
    count = summary.countdown
    assert (count.deadline, count.days_left, count.to_build, count.late) == (D(2019, 8, 31), 62, 2, 0)
    parts = {row.division.code: [r.number for r in row.readings] for row in summary.parts}
    assert parts[LAOCHENG][:2] == [2, 42_234] and parts[LUOLONG][:2] == [1, 5_000]
    assert len(parts) == 15  # today's districts and counties of Luoyang


def test_the_countdown_counts_the_rooms_late_after_the_deadline(client_as: Any, rows: None) -> None:
    summary = (
        client_as("admin")
        .get(URL, {"day": "2019-09-02", "division": division(LAOCHENG).pk})
        .context["summary"]
    )
    assert (summary.countdown.days_left, summary.countdown.late) == (-2, 2)
    assert summary.plan_sentence == "今年老城区计划新建3座城市书房,目前已建成投用1座,已开工建设或装修1座。"
    # One county chosen: its streets with rooms are the rows.
    assert [row.division.code for row in summary.parts] == [XIGUAN]


def test_today_is_the_default_and_a_year_without_a_plan_has_no_countdown(client_as: Any, rows: None) -> None:
    summary = client_as("admin").get(URL).context["summary"]
    assert summary.day == timezone.localdate()
    assert summary.countdown is None
    # The room fitting out since 2019 is not open yet.
    assert summary.sentence.startswith("截至目前,全市已建成开放城市书房3座,")


def test_a_district_user_sees_their_own_by_default_and_is_refused_others(client_as: Any, rows: None) -> None:
    client = client_as("laocheng")
    summary = client.get(URL, {"day": "2019-06-30"}).context["summary"]
    assert summary.sentence.startswith("截至目前,老城区已建成开放城市书房2座,")
    assert [row.division.code for row in summary.parts] == [LAOCHENG]
    answer = client.get(URL, {"day": "2019-06-30", "division": division(LUOLONG).pk})
    assert answer.status_code == 400 and answer.context["summary"] is None
    assert (
        client.get(reverse("studyrooms:summary_xlsx"), {"division": division(LUOLONG).pk}).status_code == 400
    )


@pytest.mark.parametrize("day", ["2999-01-01", "1999-12-31", "30/06/2019"])
def test_a_day_out_of_range_or_unreadable_is_refused_in_chinese(client_as: Any, day: str) -> None:
    answer = client_as("admin").get(URL, {"day": day}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert answer.status_code == 400
    errors = answer.context["form"].errors["day"]
    assert errors and all(any("\u4e00" <= char <= "\u9fff" for char in error) for error in errors)
    assert client_as("admin").get(reverse("studyrooms:summary_xlsx"), {"day": day}).status_code == 400


def test_a_role_without_the_study_rooms_line_is_refused(client_as: Any) -> None:
    assert client_as("zhujian").get(URL).status_code == 403
    assert client_as("zhujian").get(reverse("studyrooms:summary_xlsx")).status_code == 403


def test_the_workbook_holds_the_page(client_as: Any, rows: None) -> None:
    answer = client_as("admin").get(reverse("studyrooms:summary_xlsx"), {"day": "2019-06-30"})
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    summary, parts = book.worksheets
    texts = [cell for row in summary.iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
    assert "今年全市计划新建3座城市书房,目前已建成投用1座,已开工建设或装修1座。" in texts
    assert any(text.startswith("截至目前,全市已建成开放城市书房3座") for text in texts)
    rows_by_name = {row[0]: row[1:] for row in parts.iter_rows(min_row=2, values_only=True)}
    assert rows_by_name["老城区"][:2] == (2, 42_234)
