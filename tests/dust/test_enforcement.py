"""Enforcement (执法): the ledgers through the generic checks; the ladder's step for a first, second and
third breach; an order to correct as a supervised case; stop-work and its lifting rule; the daily-penalty
count kept from its dates; the blacklist refusing a new site."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from heluo.cases.models import State
from heluo.cases.services import transitions
from heluo.core.models import GridMembership
from heluo.core.services.accounts import system_operator
from heluo.dust import ledgers
from heluo.dust.models import (
    BlacklistEntry,
    CountEnd,
    Ladder,
    LegalBasis,
    Measure,
    MeasureKind,
    PenaltyCount,
    Site,
    SiteKind,
    SiteState,
)
from heluo.dust.services import (
    add_finding,
    after_reinspection,
    end_count,
    lift_stop_work,
    recompute_counts,
    record_measure,
    suggest_measure,
)
from heluo.dust.services.enforcement import open_penalty_count
from heluo.dust.tasks import dust_recompute_penalty_counts
from tests.core.ledger_cases import LedgerViewCases

from .test_sites import KAIYUAN, XIGUAN, contractor, division, make_site

_serial = itertools.count(1)
D = dt.date
BUREAU = "洛阳市住房和城乡建设局"


def basis(code: str = "apl-115") -> LegalBasis:
    return LegalBasis.objects.get(code=code)


def measure(site: Site, kind: str = MeasureKind.FINE, **fields: Any) -> Measure:
    defaults: dict[str, Any] = {
        "served_on": timezone.localdate(),
        "decided_by": BUREAU,
        "legal_basis": basis(),
    }
    if kind == MeasureKind.FINE:
        defaults["amount"] = Decimal("50000")
    if kind == MeasureKind.ORDER:
        defaults["deadline"] = defaults["served_on"] + dt.timedelta(days=7)
    if kind == MeasureKind.STOP_WORK:
        defaults["stop_days"] = 7
    if kind in (MeasureKind.MARKET_EXCLUSION, MeasureKind.DOWNGRADE):
        defaults["until"] = defaults["served_on"] + dt.timedelta(days=365)
    return record_measure(Measure(site=site, kind=kind, **{**defaults, **fields}), by=system_operator())


# --- the ledgers ------------------------------------------------------------------------------------------


class TestMeasureViews(LedgerViewCases):
    ledger = ledgers.measure

    def make(self, in_scope: bool) -> models.Model:
        return measure(make_site(XIGUAN if in_scope else KAIYUAN))

    def search_text(self, obj: models.Model) -> str:
        return obj.site.name  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "site": make_site(XIGUAN).pk, "kind": "fine", "legal_basis": basis().pk, "amount": "100000",
            "served_on": timezone.localdate().isoformat(), "decided_by": BUREAU, "note": "未设置硬质围挡",
        }  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        # Above art. 115's range (1万–10万元).
        return {**self.create_data(), "amount": "200000"}, "amount"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "site": obj.site_id, "kind": obj.kind, "legal_basis": obj.legal_basis_id, "amount": "80000",  # type: ignore[attr-defined]
            "served_on": obj.served_on.isoformat(), "decided_by": BUREAU, "note": "复核后调整",  # type: ignore[attr-defined]
        }  # fmt: skip


class TestPenaltyCountViews(LedgerViewCases):
    ledger = ledgers.penalty_count

    def make(self, in_scope: bool) -> models.Model:
        order = measure(make_site(XIGUAN if in_scope else KAIYUAN), MeasureKind.ORDER)
        return open_penalty_count(order, Decimal("20000"), by=system_operator())

    def search_text(self, obj: models.Model) -> str:
        return obj.order.site.name  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {"order": measure(make_site(XIGUAN), MeasureKind.ORDER).pk, "daily": "20000"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "daily": "0"}, "daily"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"order": obj.order_id, "daily": "30000", "note": "按原处罚数额"}  # type: ignore[attr-defined]


class TestBlacklistViews(LedgerViewCases):
    ledger = ledgers.blacklist

    def make(self, in_scope: bool) -> models.Model:
        return BlacklistEntry.objects.create(
            enterprise=contractor(), start=D(2026, 1, 1), until=D(2027, 1, 1), reason="一年内第三次违规"
        )

    def search_text(self, obj: models.Model) -> str:
        return obj.enterprise.name  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "enterprise": contractor().pk,
            "start": "2026-06-01",
            "until": "2027-05-31",
            "reason": "清出市场一年",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "until": "2026-05-01"}, "until"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "enterprise": obj.enterprise_id,
            "start": "2026-01-01",
            "until": "2026-12-31",
            "reason": "缩短",
        }  # type: ignore[attr-defined]


class TestLegalBasisViews(LedgerViewCases):
    ledger = ledgers.legal_basis

    def make(self, in_scope: bool) -> models.Model:
        return LegalBasis.objects.create(
            code=f"test-{next(_serial)}", law="测试条例", article="第十条", fine_min=1000, fine_max=5000
        )

    def search_text(self, obj: models.Model) -> str:
        return obj.code  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {"code": "henan-dust-20", "law": "河南省大气污染防治条例", "article": "第六十八条",
                "fine_min": "10000", "fine_max": "100000"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "fine_max": "100"}, "fine_max"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "code": obj.code,
            "law": obj.law,
            "article": "第十一条",
            "fine_min": "2000",
            "fine_max": "20000",
        }  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        measure(make_site(XIGUAN), MeasureKind.ORDER, legal_basis=obj)


class TestLadderViews(LedgerViewCases):
    ledger = ledgers.ladder

    def make(self, in_scope: bool) -> models.Model:
        return Ladder.objects.create(
            name=f"测试阶梯{next(_serial)}", legal_basis=basis(), first_kind="order", second_kind="fine",
            third_kind="stop_work", third_stop_days=30,
        )  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {"name": "某县扬尘执法阶梯", "period_days": "180", "legal_basis": basis().pk, "first_kind": "fine",
                "second_kind": "stop_work", "second_stop_days": "15", "third_kind": "market_exclusion"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "second_stop_days": ""}, "second_stop_days"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": obj.name, "period_days": "90", "legal_basis": basis().pk, "first_kind": "order",
                "second_kind": "fine", "third_kind": "stop_work", "third_stop_days": "60"}  # fmt: skip


# --- the ladder -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_luoyang_ladder_brings_top_fine_then_downgrade_then_exclusion() -> None:
    site = make_site(XIGUAN)
    today = timezone.localdate()
    expected = [
        (1, MeasureKind.FINE, Decimal("100000")),  # 顶格: the top of art. 115's range
        (2, MeasureKind.DOWNGRADE, None),
        (3, MeasureKind.MARKET_EXCLUSION, None),
        (3, MeasureKind.MARKET_EXCLUSION, None),  # later breaches stay on the last step
    ]
    for number, (step, kind, amount) in enumerate(expected):
        suggestion = suggest_measure(site, today)
        assert suggestion is not None
        assert (suggestion.step, suggestion.kind, suggestion.amount) == (step, kind, amount)
        served = today - dt.timedelta(days=10 - number)
        measure(site, suggestion.kind, ladder_step=suggestion.step, served_on=served,
                **({"amount": suggestion.amount} if amount else {}))  # fmt: skip


@pytest.mark.django_db
def test_the_henan_ladder_stops_a_week_a_month_three_months_and_counts_within_its_period() -> None:
    Ladder.objects.update(in_force=False)
    Ladder.objects.filter(name="河南省扬尘治理停工阶梯").update(in_force=True)
    site = make_site(XIGUAN)
    on = D(2026, 11, 1)
    # A breach more than a year before does not count.
    measure(site, MeasureKind.STOP_WORK, ladder_step=1, served_on=D(2025, 10, 1))
    steps = []
    for served in (D(2026, 1, 1), D(2026, 3, 1), D(2026, 6, 1)):
        suggestion = suggest_measure(site, on)
        assert suggestion is not None
        steps.append((suggestion.step, suggestion.kind, suggestion.stop_days))
        measure(site, MeasureKind.ORDER, ladder_step=suggestion.step, served_on=served)
    assert steps == [(1, "stop_work", 7), (2, "stop_work", 30), (3, "stop_work", 90)]


@pytest.mark.django_db
def test_no_ladder_in_force_suggests_nothing() -> None:
    Ladder.objects.update(in_force=False)
    assert suggest_measure(make_site(XIGUAN), timezone.localdate()) is None


# --- measures ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_fine_lies_within_its_articles_range_and_the_top_is_top() -> None:
    site = make_site(XIGUAN)
    for amount in ("9999.99", "100000.01"):
        with pytest.raises(ValidationError) as refused:
            measure(site, amount=Decimal(amount))
        assert "amount" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        measure(site, legal_basis=basis("apl-123"))
    assert "legal_basis" in refused.value.message_dict
    assert not Measure.objects.filter(site=site).exists()
    assert measure(site, amount=Decimal("100000")).top_fine
    assert not measure(site, amount=Decimal("99999")).top_fine
    truck = measure(site, legal_basis=basis("apl-116"), amount=Decimal("20000"))
    assert truck.top_fine


@pytest.mark.django_db
def test_an_order_to_correct_is_a_case_for_the_sites_grid_officer(users: dict[str, Any]) -> None:
    officer = users["wangge"].account
    grid = GridMembership.objects.filter(person=officer.person).first().grid
    site = make_site(KAIYUAN, grid=grid)
    order = measure(site, MeasureKind.ORDER, note="三日内完成围挡整改")
    case = order.case
    assert case is not None and case.source == order
    assert case.handler == officer and case.state == State.ASSIGNED
    assert case.responsible_unit == site.contractor  # the party that must put it right
    # The case engine keeps the date asked for and moves a deadline off a rest day.
    assert case.requested_due_date == order.deadline and case.due_date >= order.deadline
    assert site.contractor.name in case.description and case.requirements == "三日内完成围挡整改"


@pytest.mark.django_db
def test_a_recorded_measure_keeps_its_site_and_kind(client_as: Any) -> None:
    fine = measure(make_site(XIGUAN))
    data = {"site": fine.site_id, "kind": "order", "legal_basis": fine.legal_basis_id, "served_on": fine.served_on,
            "deadline": fine.served_on + dt.timedelta(days=3), "decided_by": BUREAU}  # fmt: skip
    response = client_as("laocheng").post(ledgers.measure.url("edit", fine.pk), data)
    assert response.status_code == 400 and response.context["form"].errors["kind"]
    fine.refresh_from_db()
    assert fine.kind == MeasureKind.FINE and fine.case is None


@pytest.mark.django_db
def test_a_grid_officer_reads_measures_but_records_none(client_as: Any, users: dict[str, Any]) -> None:
    grid = GridMembership.objects.filter(person=users["wangge"].account.person).first().grid
    fine = measure(make_site(KAIYUAN, grid=grid))
    officer = client_as("wangge")
    assert officer.get(fine.get_absolute_url()).status_code == 200
    assert officer.get(ledgers.measure.url("add")).status_code == 403
    assert client_as("zhujian").get(ledgers.measure.url("add")).status_code == 200


# --- stop-work --------------------------------------------------------------------------------------------


@dataclass
class Reinspection:
    site_id: int
    passed: bool
    performed_at: dt.datetime

    def __str__(self) -> str:
        return f"复查 {self.performed_at:%Y-%m-%d}"


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


@pytest.mark.django_db
def test_stop_work_stops_the_site_until_a_passed_reinspection_after_its_days() -> None:
    site = make_site(XIGUAN)
    stop = measure(site, MeasureKind.STOP_WORK, served_on=D(2026, 10, 1), stop_days=7)
    site.refresh_from_db()
    assert site.state == SiteState.STOPPED
    other = make_site(XIGUAN)
    refused = [
        Reinspection(other.pk, True, at(D(2026, 10, 9))),  # another site
        Reinspection(site.pk, False, at(D(2026, 10, 9))),  # failed
        Reinspection(site.pk, True, at(D(2026, 9, 30))),  # before the stop
        Reinspection(site.pk, True, at(D(2026, 10, 1))),  # the day of the stop
        Reinspection(site.pk, True, at(D(2026, 10, 7))),  # within the week stopped
    ]
    for inspection in refused:
        with pytest.raises(ValidationError):
            lift_stop_work(site, inspection=inspection, by=system_operator())
        site.refresh_from_db()
        assert site.state == SiteState.STOPPED
    lifted = lift_stop_work(
        site, inspection=Reinspection(site.pk, True, at(D(2026, 10, 8))), by=system_operator()
    )
    assert lifted.pk == stop.pk and lifted.lifted_on == D(2026, 10, 8) and "复查" in lifted.lifted_note
    site.refresh_from_db()
    assert site.state == SiteState.UNDER_CONSTRUCTION
    with pytest.raises(ValidationError):
        lift_stop_work(site, inspection=Reinspection(site.pk, True, at(D(2026, 10, 9))), by=system_operator())


# --- the daily-penalty count ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_count_runs_from_its_findings_and_ends_with_the_correction() -> None:
    order = measure(make_site(XIGUAN), MeasureKind.ORDER, served_on=D(2026, 3, 1), deadline=D(2026, 3, 6))
    count = open_penalty_count(order, Decimal("50000"), by=system_operator())
    assert (count.days, count.total) == (0, 0)
    add_finding(count, D(2026, 3, 11), by=system_operator())
    count = add_finding(count, D(2026, 3, 21), reference="第二次复查", by=system_operator())
    assert (count.days, count.total) == (20, Decimal("1000000"))
    for day in (D(2026, 3, 1), D(2026, 3, 15)):
        with pytest.raises(ValidationError):
            add_finding(count, day, by=system_operator())
    count = end_count(count, on=D(2026, 3, 25), reason=CountEnd.CORRECTED, by=system_operator())
    with pytest.raises(ValidationError, match="2026-03-28"):
        add_finding(count, D(2026, 3, 28), by=system_operator())
    count.refresh_from_db()
    assert (count.days, count.total, count.findings.count()) == (20, Decimal("1000000"), 2)


@pytest.mark.django_db
def test_a_stop_work_ends_the_sites_running_counts() -> None:
    site = make_site(XIGUAN)
    order = measure(site, MeasureKind.ORDER, served_on=D(2026, 4, 1), deadline=D(2026, 4, 5))
    count = open_penalty_count(order, Decimal("10000"), by=system_operator())
    add_finding(count, D(2026, 4, 8), by=system_operator())
    measure(site, MeasureKind.STOP_WORK, served_on=D(2026, 4, 10))
    count.refresh_from_db()
    assert (count.ended_on, count.end_reason, count.days, count.total) == (
        D(2026, 4, 10), CountEnd.STOPPED, 7, Decimal("70000"),
    )  # fmt: skip


@pytest.mark.django_db
def test_the_periodic_task_keeps_totals_recomputed_from_the_dates() -> None:
    order = measure(make_site(XIGUAN), MeasureKind.ORDER, served_on=D(2026, 2, 20), deadline=D(2026, 2, 25))
    count = open_penalty_count(order, Decimal("10000"), by=system_operator())
    add_finding(count, D(2026, 3, 5), by=system_operator())
    PenaltyCount.objects.filter(pk=count.pk).update(days=99, total=Decimal("1"))
    assert dust_recompute_penalty_counts.call_local() >= 1
    count.refresh_from_db()
    assert (count.days, count.total) == (13, Decimal("130000"))
    assert recompute_counts() == 0


# --- the blacklist ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_blacklisted_contractor_takes_no_new_site_while_its_period_runs() -> None:
    site = make_site(XIGUAN)
    today = timezone.localdate()
    excluded = measure(site, MeasureKind.MARKET_EXCLUSION, until=today + dt.timedelta(days=180))
    entry = BlacklistEntry.objects.get(measure=excluded)
    assert entry.enterprise == site.contractor and entry.until == excluded.until
    new = Site(
        name="洛阳市黑名单测试项目",
        kind=SiteKind.BUILDING,
        division=division(XIGUAN),
        contractor=site.contractor,
    )
    with pytest.raises(ValidationError) as refused:
        new.full_clean()
    assert site.contractor.name in refused.value.message_dict["contractor"][0]
    assert str(site) in refused.value.message_dict["contractor"][0]
    # The contractor's existing site stays editable, and after the period a new one is taken.
    site.full_clean()
    BlacklistEntry.objects.filter(pk=entry.pk).update(until=today - dt.timedelta(days=1))
    new.full_clean()


@pytest.mark.django_db
def test_the_site_page_shows_its_enforcement(client_as: Any) -> None:
    site = make_site(XIGUAN)
    measure(site, MeasureKind.STOP_WORK)
    page = client_as("laocheng").get(site.get_absolute_url()).content.decode()
    assert 'data-testid="site-enforcement"' in page and 'data-testid="site-stopped"' in page
    assert f"?site={site.pk}" in page
    # The new-measure link carries the ladder's next step (Luoyang 2020, a first breach: the top fine).
    form = client_as("laocheng").get(
        f"{ledgers.measure.url('add')}?site={site.pk}&kind=fine&amount=100000.00"
    )
    assert form.context["form"].initial["amount"] == "100000.00"
    assert "amount=100000.00" in page and "ladder_step=1" in page
    listed = client_as("laocheng").get(ledgers.measure.url("list"), {"site": site.pk}).content.decode()
    assert Measure.objects.get(site=site).get_absolute_url() in listed


@pytest.mark.django_db
def test_the_count_page_records_a_finding_and_the_end(client_as: Any) -> None:
    order = measure(make_site(XIGUAN), MeasureKind.ORDER, served_on=D(2026, 3, 1), deadline=D(2026, 3, 6))
    count = open_penalty_count(order, Decimal("10000"), by=system_operator())
    staff = client_as("laocheng")
    assert 'data-testid="penalty-finding-form"' in staff.get(count.get_absolute_url()).content.decode()
    finding = reverse("dust:penaltycount_finding", args=[count.pk])
    staff.post(finding, {"on": "2026-03-11", "reference": "第一次复查"})
    refused = staff.post(finding, {"on": "2026-03-01"}, follow=True).content.decode()
    assert "2026-03-01" in refused  # the reason, in a message
    count.refresh_from_db()
    assert (count.days, count.total, count.findings.count()) == (10, Decimal("100000"), 1)
    staff.post(reverse("dust:penaltycount_end", args=[count.pk]), {"on": "2026-03-15", "reason": "corrected"})
    count.refresh_from_db()
    assert (count.ended_on, count.end_reason) == (D(2026, 3, 15), CountEnd.CORRECTED)
    assert client_as("lingdao").post(finding, {"on": "2026-03-12"}).status_code == 403
    assert staff.get(finding).status_code == 405


@pytest.mark.django_db
def test_closing_the_orders_case_verifies_the_correction_and_ends_its_count(users: dict[str, Any]) -> None:
    officer = users["wangge"]
    grid = GridMembership.objects.filter(person=officer.account.person).first().grid
    order = measure(make_site(KAIYUAN, grid=grid), MeasureKind.ORDER)
    count = open_penalty_count(order, Decimal("10000"), by=system_operator())
    case = transitions.accept_case(officer, order.case)
    case = transitions.reply_case(officer, case, note="围挡已补齐")
    transitions.close_case(system_operator(), case, note="复查确认整改到位")
    count.refresh_from_db()
    assert (count.ended_on, count.end_reason) == (timezone.localdate(), CountEnd.CORRECTED)


@pytest.mark.django_db
def test_a_count_keeps_its_order_and_an_order_has_one_count(client_as: Any) -> None:
    order = measure(make_site(XIGUAN), MeasureKind.ORDER, served_on=D(2026, 3, 1), deadline=D(2026, 3, 6))
    count = add_finding(
        open_penalty_count(order, Decimal("10000"), by=system_operator()), D(2026, 3, 9), by=system_operator()
    )
    with pytest.raises(ValidationError) as refused:
        open_penalty_count(order, Decimal("10000"), by=system_operator())
    assert "order" in refused.value.message_dict
    staff = client_as("laocheng")
    other = measure(make_site(XIGUAN), MeasureKind.ORDER, served_on=D(2026, 3, 10), deadline=D(2026, 3, 16))
    response = staff.post(ledgers.penalty_count.url("edit", count.pk), {"order": other.pk, "daily": "10000"})
    assert response.status_code == 400 and response.context["form"].errors["order"]
    moved = {"site": order.site_id, "kind": "order", "legal_basis": order.legal_basis_id, "served_on": "2026-03-09",
             "deadline": "2026-03-20", "decided_by": BUREAU}  # fmt: skip
    response = staff.post(ledgers.measure.url("edit", order.pk), moved)
    assert response.status_code == 400 and response.context["form"].errors["served_on"]
    count.refresh_from_db()
    assert (count.order_id, count.days) == (order.pk, 8)


@pytest.mark.django_db
def test_a_reinspection_extends_the_counts_when_failed_and_ends_them_and_the_stop_when_passed() -> None:
    site = make_site(XIGUAN)
    order = measure(site, MeasureKind.ORDER, served_on=D(2026, 5, 1), deadline=D(2026, 5, 4))
    count = open_penalty_count(order, Decimal("10000"), by=system_operator())
    for day in (D(2026, 5, 6), D(2026, 5, 6), D(2026, 5, 9)):  # the same day twice counts once
        after_reinspection(site, inspection=Reinspection(site.pk, False, at(day)), by=system_operator())
    count.refresh_from_db()
    assert (count.days, count.findings.count()) == (8, 2)
    after_reinspection(site, inspection=Reinspection(site.pk, True, at(D(2026, 5, 12))), by=system_operator())
    count.refresh_from_db()
    assert (count.ended_on, count.end_reason, count.days) == (D(2026, 5, 12), CountEnd.CORRECTED, 8)
    stop = measure(site, MeasureKind.STOP_WORK, served_on=D(2026, 6, 1), stop_days=7)
    after_reinspection(site, inspection=Reinspection(site.pk, True, at(D(2026, 6, 5))), by=system_operator())
    stop.refresh_from_db()
    assert stop.lifted_on is None  # within the week stopped: the stop stands
    after_reinspection(site, inspection=Reinspection(site.pk, True, at(D(2026, 6, 8))), by=system_operator())
    stop.refresh_from_db()
    site.refresh_from_db()
    assert stop.lifted_on == D(2026, 6, 8) and site.state == SiteState.UNDER_CONSTRUCTION


@pytest.mark.django_db
def test_the_api_records_a_finding_and_the_end_as_the_page_does(users: dict[str, Any]) -> None:
    order = measure(make_site(XIGUAN), MeasureKind.ORDER, served_on=D(2026, 3, 1), deadline=D(2026, 3, 6))
    count = open_penalty_count(order, Decimal("10000"), by=system_operator())
    api = APIClient()
    api.force_authenticate(users["laocheng"])
    url = reverse("dust-penaltycount-findings", args=[count.pk])
    answer = api.post(url, {"on": "2026-03-11", "reference": "复查"}, format="json")
    assert answer.status_code == 200 and (answer.json()["days"], answer.json()["total"]) == (10, "100000.00")
    refused = api.post(url, {"on": "2026-03-05"}, format="json")
    assert refused.status_code == 400 and "2026-03-05" in str(refused.json())
    assert api.post(url, {"on": "soon"}, format="json").status_code == 400
    ended = api.post(reverse("dust-penaltycount-end", args=[count.pk]), {"on": "2026-03-12", "reason": "stopped"},
                     format="json")  # fmt: skip
    assert ended.status_code == 200 and ended.json()["end_reason"] == "stopped"
    viewer = APIClient()
    viewer.force_authenticate(users["lingdao"])
    assert viewer.post(url, {"on": "2026-03-13"}, format="json").status_code == 403
    count.refresh_from_db()
    assert (count.days, count.findings.count(), count.ended_on) == (10, 1, D(2026, 3, 12))
