"""Assessment schemes: the ledger, the counts collected per district and enterprise, the ranking and the
通报 in its four forms."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from decimal import Decimal as D
from typing import Any

import pytest
from django.db import models
from django.utils import timezone

from heluo.cases.models import Case
from heluo.core.models import Account, Grid, GridMembership, GridRole
from heluo.dust import ledgers
from heluo.dust.models import AssessmentScheme, Site
from heluo.dust.services import Submission, assessment, submit_inspection
from heluo.monitoring.models import Alarm, AlarmRule, Monitor
from heluo.monitoring.services.alarms import raise_alarm
from heluo.monitoring.services.points import point_of
from tests.core.ledger_cases import LedgerViewCases
from tests.dust.test_sites import KAIYUAN, XIGUAN, division, make_site

_serial = itertools.count(1)
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def scheme(**fields: Any) -> AssessmentScheme:
    fields = {"name": f"2026年11月扬尘治理考核{next(_serial)}", "subject": "district", "period_start": NOVEMBER[0],
              "period_end": NOVEMBER[1], "per_overdue_case": D(2), "per_alarm_hour": D("0.5"),
              "clean_bonus": D(1), **fields}  # fmt: skip
    return AssessmentScheme.objects.create(**fields)


class TestAssessmentSchemeViews(LedgerViewCases):
    ledger = ledgers.assessment_scheme
    actor = "zhujian"  # the city's rules are written by a city office

    def make(self, in_scope: bool) -> models.Model:
        return scheme()

    def create_data(self) -> dict[str, Any]:
        return {"name": "2026年第四季度扬尘治理考核", "subject": "enterprise", "period_start": "2026-10-01",
                "period_end": "2026-12-31", "base_score": "100", "per_failed_item": "0.5", "per_overdue_case": "2",
                "per_alarm_hour": "0.1", "per_enforcement": "3", "clean_bonus": "2",
                "issuer": "洛阳市扬尘治理办公室"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "period_end": "2026-09-30"}, "period_end"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {**self.create_data(), "name": f"{obj}（修订）", "cap_per_kind": "20"}


def alarm_on(site: Site, raised: dt.datetime, cleared: dt.datetime | None) -> Alarm:
    point = point_of(site)
    monitor = Monitor.objects.create(point=point, mn=f"ASSESS{next(_serial):06d}", pw="123456")
    raise_alarm(AlarmRule.objects.get(code="pm10_hourly_150"), monitor.pk, point.pk, raised, 180.0, 180.0)
    alarm = Alarm.objects.get(monitor=monitor)
    Alarm.objects.filter(pk=alarm.pk).update(
        raised_at=raised, cleared_at=cleared, state="cleared" if cleared else "active", open=cleared is None
    )
    return alarm


@pytest.mark.django_db
def test_counts_scores_and_ranking_on_a_hand_computed_fixture() -> None:
    zone = timezone.get_current_timezone()
    grid = Grid.objects.create(name="考核网格", division=division(XIGUAN))
    officer = Account.objects.get(user__username="wangge").person
    GridMembership.objects.create(grid=grid, person=officer, role=GridRole.objects.get(code="grid_member"))
    laocheng = make_site(XIGUAN, grid=grid)  # 老城区
    luolong = make_site(KAIYUAN)  # 洛龙区
    quiet = make_site(XIGUAN)
    # 老城区: an alarm 08:00–12:30 on 10 November (4.5 h → 5 alarm hours), its case overdue since the 12th.
    first = alarm_on(
        laocheng, dt.datetime(2026, 11, 10, 8, tzinfo=zone), dt.datetime(2026, 11, 10, 12, 30, tzinfo=zone)
    )
    assert first.case is not None
    Case.objects.filter(pk=first.case_id).update(
        assigned_at=dt.datetime(2026, 11, 10, 9, tzinfo=zone),
        due_at=dt.datetime(2026, 11, 12, 17, 30, tzinfo=zone),
    )
    # 洛龙区: an alarm from 22:00 on 31 October to 02:00 on 1 November: 2 hours fall in the period.
    alarm_on(luolong, dt.datetime(2026, 10, 31, 22, tzinfo=zone), dt.datetime(2026, 11, 1, 2, tzinfo=zone))
    # An alarm of December counts nothing.
    alarm_on(luolong, dt.datetime(2026, 12, 2, 8, tzinfo=zone), dt.datetime(2026, 12, 2, 9, tzinfo=zone))
    sites = Site.objects.filter(pk__in=[laocheng.pk, luolong.pk, quiet.pk])
    assert assessment.alarm_hours(sites, *NOVEMBER) == {laocheng.pk: 5, luolong.pk: 2}
    assert assessment.overdue_cases(sites, *NOVEMBER) == {laocheng.pk: 1}
    # 老城区: 100 − 1 × 2 − 5 × 0.5 = 95.5; 洛龙区: 100 − 2 × 0.5 = 99.
    ranked = assessment.ranking(scheme(), sites)
    assert [(r.rank, r.score.subject.name, r.score.total) for r in ranked] == [
        (1, "洛龙区", D(99)),
        (2, "老城区", D("95.5")),
    ]
    # By enterprise: each site's contractor; the quiet one has a clean record (+1).
    by_enterprise = assessment.ranking(scheme(subject="enterprise"), sites)
    assert [(r.score.subject.name, r.score.total) for r in by_enterprise] == [
        (quiet.contractor.name, D(101)), (luolong.contractor.name, D(99)), (laocheng.contractor.name, D("95.5"))
    ]  # fmt: skip


def test_a_collector_is_one_registration(monkeypatch: pytest.MonkeyPatch, db: Any) -> None:
    monkeypatch.setattr(assessment, "COLLECTORS", dict(assessment.COLLECTORS))
    site = make_site(XIGUAN)
    assessment.register_collector("failed_items", lambda sites, first, last: {site.pk: 4})
    [ranked] = assessment.ranking(scheme(per_failed_item=D("1.5")), Site.objects.filter(pk=site.pk))
    assert (ranked.score.counts["failed_items"], ranked.score.total) == (4, D(94))
    with pytest.raises(ValueError, match="patrols"):
        assessment.register_collector("patrols", lambda sites, first, last: {})


def test_the_bulletin_as_page_word_excel_and_pdf(client_as: Any) -> None:
    make_site(XIGUAN)
    plan = scheme(issuer="洛阳市扬尘治理办公室")
    client = client_as("laocheng")
    detail = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="assessment-ranking"' in detail and "老城区" in detail
    page = client.get(f"/dust/assessments/{plan.pk}/bulletin/").content.decode()
    assert "洛阳市扬尘治理办公室" in page and f"扬尘考核〔2026〕{plan.pk}号" in page and "老城区" in page
    word = client.get(f"/dust/assessments/{plan.pk}/bulletin.doc")
    assert word["Content-Type"] == "application/msword" and "老城区" in word.content.decode()
    workbook = client.get(f"/dust/assessments/{plan.pk}/bulletin.xlsx")
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"
    pdf = client.get(f"/dust/assessments/{plan.pk}/bulletin.pdf")
    assert pdf.status_code == 503 or pdf.content[:5] == b"%PDF-"


def test_failed_items_enforcement_and_the_cases_of_inspections_count_per_site(users: Any) -> None:
    from heluo.dust.models import MeasureKind
    from tests.dust.test_enforcement import measure
    from tests.dust.test_inspections import answers, during, officer_site

    def inspect(
        user: Any, site: Site, failed: dict[str, list[Any]] | None = None, *, at: dt.datetime
    ) -> None:
        submission = Submission(client_id=uuid.uuid4(), site=site, template=during(),
                                results=answers(during(), failed), performed_at=at)  # fmt: skip
        submit_inspection(user, submission, at=at)

    zone = timezone.get_current_timezone()
    site, other = officer_site(), officer_site()
    # Two items failed on 10 November: two cases, due within days, never answered — overdue by the 30th.
    inspect(
        users["wangge"], site, {"cover": [], "washing": []}, at=dt.datetime(2026, 11, 10, 10, tzinfo=zone)
    )
    inspect(users["wangge"], other, {"cover": []}, at=dt.datetime(2026, 10, 20, 10, tzinfo=zone))  # October
    inspect(users["wangge"], other, at=dt.datetime(2026, 11, 3, 10, tzinfo=zone))  # passed
    measure(site, MeasureKind.FINE, served_on=dt.date(2026, 11, 12))
    measure(other, MeasureKind.FINE, served_on=dt.date(2026, 12, 1))  # December
    sites = Site.objects.filter(pk__in=[site.pk, other.pk])
    assert assessment.failed_items(sites, *NOVEMBER) == {site.pk: 2}
    assert assessment.enforcement(sites, *NOVEMBER) == {site.pk: 1}
    assert assessment.overdue_cases(sites, *NOVEMBER) == {site.pk: 2}
    # 100 − 2 × 0.5 − 2 × 2 − 1 × 3 = 92 for the site's contractor; the other's record is clean (+1).
    ranked = assessment.ranking(scheme(subject="enterprise"), sites)
    assert {r.score.subject.name: r.score.total for r in ranked} == {
        site.contractor.name: D(92),
        other.contractor.name: D(101),
    }
