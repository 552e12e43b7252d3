"""Construction waste: removal and cover records through the generic ledger checks, and uncovered
ground left too long becoming one case that its closing marks covered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from django.test import override_settings
from django.utils import timezone

from heluo.cases.models import Case, State
from heluo.core.models import Account, Grid, GridMembership, GridRole
from heluo.dust import ledgers
from heluo.dust.models import CoverRecord, CoverTarget, WasteRemoval
from heluo.dust.services import open_uncovered_cases
from tests.core.ledger_cases import LedgerViewCases
from tests.dust.test_sites import KAIYUAN, XIGUAN, division, make_site


class TestWasteRemovalViews(LedgerViewCases):
    ledger = ledgers.waste_removal

    def make(self, in_scope: bool) -> models.Model:
        return WasteRemoval.objects.create(
            site=make_site(XIGUAN if in_scope else KAIYUAN), date=dt.date(2026, 11, 2), volume=Decimal("36.0"),
            transport_company="洛阳市通达渣土运输有限公司", vehicle="豫C12345", disposal_place="孙旗屯建筑垃圾消纳场",
        )  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {
            "site": make_site(XIGUAN).pk, "date": "2026-11-03", "volume": "48.5",
            "transport_company": "洛阳市通达渣土运输有限公司", "vehicle": "豫C54321", "disposal_place": "孙旗屯消纳场",
        }  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "volume": "0"}, "volume"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "site": obj.site_id, "date": "2026-11-04", "volume": "12.0",  # type: ignore[attr-defined]
            "transport_company": "洛阳市恒远运输有限公司", "disposal_place": "伊滨消纳场",
        }  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.site.name  # type: ignore[attr-defined]


class TestCoverRecordViews(LedgerViewCases):
    ledger = ledgers.cover_record

    def make(self, in_scope: bool) -> models.Model:
        return CoverRecord.objects.create(
            site=make_site(XIGUAN if in_scope else KAIYUAN), target=CoverTarget.STOCKPILE,
            description="东侧土方", reported_at=timezone.now().replace(second=0, microsecond=0),
        )  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {"site": make_site(XIGUAN).pk, "target": "bare_ground", "description": "北侧裸土",
                "reported_at": "2026-11-03T08:30", "covered_at": "2026-11-03T15:00"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "covered_at": "2026-11-02T08:00"}, "covered_at"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"site": obj.site_id, "target": "stockpile", "reported_at": "2026-11-05T09:00"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.site.name  # type: ignore[attr-defined]


def officer_site() -> Any:
    grid = Grid.objects.create(name="覆盖网格", division=division(XIGUAN))
    officer = Account.objects.get(user__username="wangge").person
    GridMembership.objects.create(grid=grid, person=officer, role=GridRole.objects.get(code="grid_member"))
    return make_site(XIGUAN, grid=grid)


@pytest.mark.django_db
@override_settings(DUST_UNCOVERED_HOURS=24)
def test_ground_uncovered_past_the_limit_opens_one_case_for_the_grid_officer(users: Any) -> None:
    now = timezone.now()
    site = officer_site()
    late = CoverRecord.objects.create(
        site=site, target=CoverTarget.STOCKPILE, reported_at=now - dt.timedelta(hours=25)
    )
    recent = CoverRecord.objects.create(
        site=site, target=CoverTarget.BARE_GROUND, reported_at=now - dt.timedelta(hours=23)
    )
    covered = CoverRecord.objects.create(
        site=site, target=CoverTarget.BARE_GROUND, reported_at=now - dt.timedelta(hours=30),
        covered_at=now - dt.timedelta(hours=28),
    )  # fmt: skip
    assert open_uncovered_cases(now) == 1
    assert open_uncovered_cases(now) == 0, "one case per report, however often the task runs"
    late.refresh_from_db()
    case = late.case
    assert case is not None and case.source == late and case.source_kind == "dust_uncovered"
    assert case.handler.user.username == "wangge" and case.state == State.ASSIGNED
    recent.refresh_from_db()
    covered.refresh_from_db()
    assert recent.case is None and covered.case is None
    assert Case.objects.filter(source_kind="dust_uncovered").count() == 1


@pytest.mark.django_db
def test_closing_the_case_marks_the_ground_covered(users: Any) -> None:
    from heluo.cases.services import transitions

    now = timezone.now()
    record = CoverRecord.objects.create(
        site=officer_site(), target=CoverTarget.STOCKPILE, reported_at=now - dt.timedelta(days=3)
    )
    open_uncovered_cases(now)
    record.refresh_from_db()
    handler, supervisor = users["wangge"], users["laocheng"]
    case = transitions.accept_case(handler, record.case)
    case = transitions.reply_case(handler, case, note="已覆盖防尘网")
    case = transitions.close_case(supervisor, case, note="复查已覆盖")
    record.refresh_from_db()
    assert record.covered_at == case.closed_at


def test_covering_ground_whose_case_is_open_notes_it_on_the_case(client_as: Any) -> None:
    now = timezone.now()
    record = CoverRecord.objects.create(
        site=officer_site(), target=CoverTarget.BARE_GROUND, reported_at=now - dt.timedelta(days=2)
    )
    open_uncovered_cases(now)
    record.refresh_from_db()
    response = client_as("laocheng").post(
        ledgers.cover_record.url("edit", record.pk),
        {"site": record.site_id, "target": "bare_ground", "reported_at": timezone.localtime(record.reported_at).strftime("%Y-%m-%dT%H:%M"),
         "covered_at": timezone.localtime(now).strftime("%Y-%m-%dT%H:%M")},
    )  # fmt: skip
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.covered_at is not None and record.case.state == State.ASSIGNED
    assert record.case.events.filter(note__startswith="已于").exists()
