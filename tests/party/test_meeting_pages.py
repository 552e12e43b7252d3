"""The recording page (attendance radio buttons per member, refusals shown, nothing written), a meeting's
page, the compliance page of a year and the study hours; points follow the meeting recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from heluo.party.models import Meeting, PointsEntry
from heluo.party.services import meetings as services
from heluo.party.services.study import member_hours

from .conftest import PARTY_OFFICER
from .factories import KAIYUAN
from .factories_b import branch_with, meeting, presence, study_record, study_session

pytestmark = pytest.mark.django_db


def _post(branch: Any, roll: list, modes: dict[int, tuple[str, str, str]], **fields: str) -> dict[str, str]:
    data = {"kind": "member_meeting", "held_on": "2026-03-10", "topic": "布置党员积分管理等工作",
            "online_platform": "", "attendance-TOTAL_FORMS": str(len(roll)), "attendance-INITIAL_FORMS": str(len(roll)),
            "motions-TOTAL_FORMS": "2", "motions-INITIAL_FORMS": "0", **fields}  # fmt: skip
    for index, m in enumerate(sorted(roll, key=lambda m: (m.name, m.pk))):
        mode, platform, reason = modes.get(m.pk, ("on_site", "", ""))
        data.update({f"attendance-{index}-member": str(m.pk), f"attendance-{index}-mode": mode,
                     f"attendance-{index}-platform": platform, f"attendance-{index}-reason": reason})  # fmt: skip
    return data


def test_the_page_lists_each_member_with_the_modes_as_radio_buttons(client_as: Any) -> None:
    branch, roll = branch_with(4, probationary=1)
    page = client_as(PARTY_OFFICER).get(reverse("party:meeting_record", args=[branch.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('type="radio"') == 5 * 4
    assert all(f'data-testid="attendance-{m.name}"' in html for m in roll)


def test_recording_stores_attendance_online_and_excused_and_points(client_as: Any) -> None:
    branch, roll = branch_with(5)
    ordered = sorted(roll, key=lambda m: (m.name, m.pk))
    modes = {ordered[0].pk: ("online", "学习强国视频会议", ""), ordered[1].pk: ("online", "学习强国视频会议", ""),
             ordered[2].pk: ("excused", "", "外出务工")}  # fmt: skip
    response = client_as(PARTY_OFFICER).post(
        reverse("party:meeting_record", args=[branch.pk]), _post(branch, roll, modes)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    held = Meeting.objects.get()
    assert (held.present, held.entitled, held.quorate) == (4, 5, True)
    assert held.attendances.filter(mode="online", platform="学习强国视频会议").count() == 2
    assert held.attendances.get(member=ordered[2]).reason == "外出务工"
    points = dict(PointsEntry.objects.filter(object_id=held.pk).values_list("member_id", "points"))
    assert set(points) == {ordered[0].pk, ordered[1].pk, ordered[3].pk, ordered[4].pk}  # excused: none
    assert set(points.values()) == {Decimal(2)}


def test_an_inquorate_meeting_is_refused_on_the_page_and_nothing_written(client_as: Any) -> None:
    branch, roll = branch_with(5)
    modes = {m.pk: ("excused", "", "出差") for m in roll[:3]}
    response = client_as(PARTY_OFFICER).post(
        reverse("party:meeting_record", args=[branch.pk]), _post(branch, roll, modes)
    )
    assert response.status_code == 400
    assert "实到仅2人" in response.content.decode()
    assert not Meeting.objects.exists() and not PointsEntry.objects.exists()


def test_the_recording_page_is_refused_to_a_district_administrator(client_as: Any) -> None:
    branch, _roll = branch_with(3)
    assert client_as("laocheng").get(reverse("party:meeting_record", args=[branch.pk])).status_code == 403


def test_a_meeting_page_shows_names_to_party_roles_and_counts_to_others(client_as: Any) -> None:
    branch, roll = branch_with(3)
    held = meeting(branch, attendance=presence(on_site=roll[:1], online=roll[1:]))
    officer = client_as(PARTY_OFFICER).get(held.get_absolute_url()).content.decode()
    admin = client_as("laocheng").get(held.get_absolute_url()).content.decode()
    assert f'data-testid="attendance-{roll[1].name}"' in officer
    assert f'data-testid="attendance-{roll[1].name}"' not in admin and 'data-testid="online-count"' in admin


def test_an_organisation_outside_the_territory_is_404(client_as: Any) -> None:
    branch, _roll = branch_with(3, code=KAIYUAN)
    assert client_as(PARTY_OFFICER).get(reverse("party:meeting_record", args=[branch.pk])).status_code == 404


def test_the_compliance_page_shows_missed_periods_with_their_case(client_as: Any) -> None:
    branch, _roll = branch_with(3, established_on=dt.date(2026, 1, 1))
    meeting(branch, "theme_day", dt.date(2026, 1, 5))
    services.scan_missed_meetings(timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0)))
    page = client_as(PARTY_OFFICER).get(reverse("party:meeting_compliance", args=[branch.pk, 2026]))
    html = page.content.decode()
    assert page.status_code == 200
    assert (
        'data-testid="period-theme_day-2026-01"' in html and 'data-testid="period-theme_day-2026-02"' in html
    )
    assert (
        branch.missed_meetings.get(kind="theme_day", period_start=dt.date(2026, 2, 1)).case.get_absolute_url()
        in html
    )


def test_study_hours_per_member_in_a_year() -> None:
    branch, roll = branch_with(3)
    first, second = (
        study_session(branch, hours="2"),
        study_session(branch, hours="3", held_on=dt.date(2026, 5, 6)),
    )
    study_record(first, roll[0], "2")
    study_record(second, roll[0], "2.5")
    study_record(second, roll[1], "3")
    study_record(study_session(branch, held_on=dt.date(2025, 5, 6)), roll[2], "2")  # another year
    rows = [(row.member, row.hours, row.sessions) for row in member_hours(branch, 2026)]
    assert rows[:2] == [(roll[0], Decimal("4.5"), 2), (roll[1], Decimal("3"), 1)]
    assert rows[2] == (roll[2], Decimal(0), 0)
