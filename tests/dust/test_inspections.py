"""Checklists and their versions, inspections (stored once per client_id, one case per failed item,
re-inspections closing and reopening it), patrol reports, and their ledgers through the generic checks."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from heluo.cases.models import Case, State
from heluo.core.models import Account, Attachment, Grid, GridMembership, GridRole, Notification
from heluo.dust import ledgers
from heluo.dust.forms import ChecklistItemForm
from heluo.dust.models import (
    ChecklistItem,
    ChecklistKind,
    ChecklistTemplate,
    Inspection,
    InspectionResult,
    Measure,
    MeasureKind,
    Outcome,
    PatrolReport,
    Site,
    SiteState,
)
from heluo.dust.services import (
    ItemResult,
    Submission,
    checklists_in_force,
    last_inspected_on,
    submit_inspection,
)
from heluo.dust.services.checklists import save_checklist_item
from tests.core.ledger_cases import LedgerViewCases
from tests.dust.test_enforcement import measure
from tests.dust.test_sites import KAIYUAN, XIGUAN, division, make_site

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def photo(name: str = "现场.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def during() -> ChecklistTemplate:
    """The seeded 7个100% checklist in force."""
    return checklists_in_force().get(kind=ChecklistKind.DURING)


def officer_site(code: str = XIGUAN, **fields: Any) -> Site:
    """A site whose grid the demo grid officer (wangge) serves in."""
    grid = Grid.objects.create(name=f"检查网格{uuid.uuid4().hex[:6]}", division=division(code))
    person = Account.objects.get(user__username="wangge").person
    GridMembership.objects.create(grid=grid, person=person, role=GridRole.objects.get(code="grid_member"))
    return make_site(code, grid=grid, **fields)


def answers(template: ChecklistTemplate, failed: dict[str, list[Any]] | None = None,
            passed_only: bool = False) -> list[ItemResult]:  # fmt: skip
    """Every item passed except those whose code is in `failed` (code → photos)."""
    failed = failed or {}
    return [
        ItemResult(item=item, outcome=Outcome.FAILED if item.code in failed else Outcome.PASSED,
                   photos=failed.get(item.code, []))
        for item in template.items.all()
    ]  # fmt: skip


def inspect(user: Any, site: Site, failed: dict[str, list[Any]] | None = None,
            at: dt.datetime | None = None, template: ChecklistTemplate | None = None) -> Inspection:  # fmt: skip
    template = template or during()
    inspection, created = submit_inspection(
        user, Submission(client_id=uuid.uuid4(), site=site, template=template,
                         results=answers(template, failed), performed_at=at),
    )  # fmt: skip
    assert created
    return inspection


# --- checklists -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_default_checklists_are_seeded() -> None:
    counts = {t.kind: t.items.count() for t in checklists_in_force()}
    assert counts == {ChecklistKind.BEFORE_START: 6, ChecklistKind.DURING: 7, ChecklistKind.PROHIBITIONS: 2}
    hardening = during().items.get(code="hardening")
    assert hardening.text == "施工现场地面100%硬化" and hardening.party == "developer"


def test_a_used_checklist_is_never_changed_a_change_makes_the_next_version(users: Any) -> None:
    template = during()
    site = officer_site()
    inspection = inspect(users["wangge"], site)
    item = template.items.get(code="cover")
    form = ChecklistItemForm(
        {"template": template.pk, "code": "cover", "text": "物料堆放100%覆盖（防尘网）", "severity": "grave",
         "time_limit_days": 2, "legal_basis": item.legal_basis, "party": "contractor", "order": item.order},
        instance=item, user=users["zhujian"],
    )  # fmt: skip
    assert form.is_valid(), form.errors
    changed = save_checklist_item(form, users["zhujian"])
    # The used version is as it was; the inspection still shows the items it was made against.
    item.refresh_from_db()
    template.refresh_from_db()
    assert item.text == "物料堆放100%覆盖" and item.time_limit_days == 1
    assert not template.active and template.version == 1
    inspection.refresh_from_db()
    assert inspection.template == template
    assert list(inspection.results.values_list("item__text", flat=True)).count("物料堆放100%覆盖") == 1
    # The new version carries every item, the change applied, and is the one in force.
    new = changed.template
    assert new.version == 2 and new.name == template.name and new.items.count() == 7
    assert new.items.get(code="cover").text == "物料堆放100%覆盖（防尘网）"
    assert during() == new
    # An unused version changes in place.
    form = ChecklistItemForm(
        {"template": new.pk, "code": "cover", "text": "物料堆放100%覆盖", "severity": "grave", "time_limit_days": 2,
         "legal_basis": "", "party": "contractor", "order": 20},
        instance=changed, user=users["zhujian"],
    )  # fmt: skip
    assert form.is_valid(), form.errors
    assert save_checklist_item(form, users["zhujian"]).pk == changed.pk
    assert ChecklistTemplate.objects.filter(name=template.name).count() == 2


def test_editing_a_used_checklist_on_its_page_makes_a_new_version(users: Any, client_as: Any) -> None:
    template = during()
    inspect(users["wangge"], officer_site())
    response = client_as("zhujian").post(
        ledgers.checklist.url("edit", template.pk),
        {"name": template.name, "kind": template.kind, "in_force_from": "2026-01-01", "active": "on",
         "notes": "2026年修订", "row_version": template.row_version},
    )  # fmt: skip
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.notes == "" and not template.active
    new = ChecklistTemplate.objects.get(name=template.name, version=2)
    assert new.notes == "2026年修订" and new.items.count() == 7


# --- inspections and their cases ---------------------------------------------------------------------


def test_each_failed_item_opens_one_case_for_the_party_with_the_grid_officer_and_the_photo(
    users: Any,
) -> None:
    site = officer_site()
    inspection = inspect(users["wangge"], site, {"cover": [photo("覆盖.png")], "hardening": [photo()]})
    assert not inspection.passed
    failed = InspectionResult.objects.filter(inspection=inspection, outcome=Outcome.FAILED).select_related(
        "case"
    )
    cases = {result.item.code: result.case for result in failed}
    assert set(cases) == {"cover", "hardening"} and len({case.pk for case in cases.values()}) == 2
    assert Case.objects.filter(source_kind="dust_inspection").count() == 2
    cover = cases["cover"]
    assert cover.handler.user.username == "wangge" and cover.state == State.ASSIGNED
    assert cover.responsible_unit == site.contractor
    assert cover.time_limit_days == 1  # the item's, by its severity
    assert cover.source == failed.get(item__code="cover")
    # Bare ground answers to the developer when the site has one (here it has none: the contractor).
    assert cases["hardening"].responsible_unit == site.contractor
    photos = Attachment.objects.filter(object_id=cover.pk, content_type__model="case")
    assert [p.original_name for p in photos] == ["覆盖.png"]
    assert failed.get(item__code="cover").photos.count() == 1


def test_bare_ground_answers_to_the_developer(users: Any) -> None:
    from tests.dust.test_sites import contractor

    developer = contractor()
    site = officer_site(developer=developer)
    inspection = inspect(users["wangge"], site, {"hardening": []})
    assert inspection.results.get(item__code="hardening").case.responsible_unit == developer


def test_a_reinspection_closes_the_case_and_a_later_failure_reopens_it(users: Any) -> None:
    site = officer_site()
    now = timezone.now()
    first = inspect(users["wangge"], site, {"cover": [photo()]}, at=now - dt.timedelta(days=3))
    case = first.results.get(item__code="cover").case
    # Failed again while open: the same case continues, no second one.
    inspect(users["wangge"], site, {"cover": []}, at=now - dt.timedelta(days=2))
    assert Case.objects.filter(source_kind="dust_inspection").count() == 1
    # Passed: the case closes, verified by the re-inspection.
    inspect(users["wangge"], site, at=now - dt.timedelta(days=1))
    case.refresh_from_db()
    assert case.state == State.CLOSED
    # Failed after the closing: the same case reopens with the item's time limit.
    again = inspect(users["wangge"], site, {"cover": []}, at=now)
    case.refresh_from_db()
    assert case.state == State.ASSIGNED and again.results.get(item__code="cover").case == case
    assert Case.objects.filter(source_kind="dust_inspection").count() == 1
    assert last_inspected_on([site.pk, make_site(XIGUAN).pk]) == {site.pk: timezone.localdate(now)}


def test_a_reinspection_on_the_next_version_finds_the_case_of_the_same_item(users: Any) -> None:
    site = officer_site()
    first = inspect(users["wangge"], site, {"washing": []}, at=timezone.now() - dt.timedelta(hours=2))
    from heluo.dust.services import new_version

    newer = new_version(during(), users["zhujian"])
    inspect(users["wangge"], site, template=newer)
    assert first.results.get(item__code="washing").case.state == State.CLOSED


def test_an_inspection_sent_twice_is_stored_once(client_as: Any) -> None:
    site = officer_site()
    template = during()
    client_id = str(uuid.uuid4())
    payload = {
        "client_id": client_id, "template": template.pk, "performed_at": timezone.now().isoformat(), "note": "",
        "latitude": "34.681234", "longitude": "112.481234",
        "results": [{"item": item.pk, "outcome": "fail" if item.code == "cover" else "pass", "note": "裸土"}
                    for item in template.items.all()],
    }  # fmt: skip
    cover = template.items.get(code="cover")
    client = client_as("wangge")
    url = f"/dust/sites/{site.pk}/inspect/"
    first = client.post(url, {"payload": json.dumps(payload), f"photo-{cover.pk}": photo()})
    assert first.status_code == 201, first.content
    again = client.post(url, {"payload": json.dumps(payload), f"photo-{cover.pk}": photo()})
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Inspection.objects.filter(client_id=client_id).count() == 1
    assert InspectionResult.objects.filter(inspection__client_id=client_id).count() == 7
    assert Case.objects.filter(source_kind="dust_inspection").count() == 1
    assert len(first.json()["cases"]) == 1
    # The inspection's page shows the item's photo, which the officer may open and an outsider may not.
    stored = InspectionResult.objects.get(inspection__client_id=client_id, item=cover).photos.get()
    assert stored.get_absolute_url() in client.get(first.json()["url"]).content.decode()
    assert client.get(stored.get_absolute_url()).status_code == 200
    assert client_as("luolong").get(stored.get_absolute_url()).status_code == 404  # 洛龙区 staff


def test_a_bad_submission_is_refused_in_chinese_and_stores_nothing(client_as: Any) -> None:
    site = officer_site()
    template = during()
    payload = {"client_id": str(uuid.uuid4()), "template": template.pk,
               "results": [{"item": template.items.first().pk, "outcome": "pass"}]}  # fmt: skip
    response = client_as("wangge").post(f"/dust/sites/{site.pk}/inspect/", {"payload": json.dumps(payload)})
    assert response.status_code == 400
    assert "每一项" in " ".join(response.json()["errors"])
    assert not Inspection.objects.exists()
    bad = client_as("wangge").post(f"/dust/sites/{site.pk}/inspect/", {"payload": "{"})
    assert bad.status_code == 400 and not Inspection.objects.exists()


def test_the_inspection_page_walks_the_checklist_and_is_refused_outside_scope(client_as: Any) -> None:
    site = officer_site()
    page = client_as("wangge").get(f"/dust/sites/{site.pk}/inspect/")
    assert page.status_code == 200
    content = page.content.decode()
    assert content.count('data-testid="inspection-item"') == 7 and "dexie.min.js" in content
    # 老城区 lies outside the grid officer's territory, and this site is not in their grid.
    assert client_as("wangge").get(f"/dust/sites/{make_site(XIGUAN).pk}/inspect/").status_code == 404
    assert client_as("lingdao").get(f"/dust/sites/{site.pk}/inspect/").status_code == 403
    # A planned site starts with the checklist before work starts; another in force can be chosen.
    planned = officer_site(state="planned")
    content = client_as("wangge").get(f"/dust/sites/{planned.pk}/inspect/").content.decode()
    assert content.count('data-testid="inspection-item"') == 6
    prohibitions = checklists_in_force().get(kind=ChecklistKind.PROHIBITIONS)
    content = (
        client_as("wangge").get(f"/dust/sites/{planned.pk}/inspect/?checklist={prohibitions.pk}").content
    )
    assert content.decode().count('data-testid="inspection-item"') == 2
    # The site's page shows its inspections and the way to start one.
    assert 'data-testid="site-inspect"' in client_as("wangge").get(site.get_absolute_url()).content.decode()


def test_a_patrol_report_becomes_a_case_with_its_photo(client_as: Any) -> None:
    site = officer_site()
    response = client_as("wangge").post(
        "/dust/patrol/new/", {"text": "工地出口车辆带泥上路", "site": site.pk, "photo": photo("带泥.png")}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = PatrolReport.objects.get()
    assert report.division == site.division and report.case.handler.user.username == "wangge"
    assert report.case.source == report
    assert Attachment.objects.filter(object_id=report.case.pk, content_type__model="case").count() == 1
    refused = client_as("wangge").post("/dust/patrol/new/", {"text": "没有照片", "site": site.pk})
    assert refused.status_code == 400 and PatrolReport.objects.count() == 1
    assert Notification.objects.filter(link=report.case.get_absolute_url()).exists()


# --- the ledgers through the generic checks ------------------------------------------------------------


class TestChecklistViews(LedgerViewCases):
    ledger = ledgers.checklist

    def make(self, in_scope: bool) -> models.Model:
        return ChecklistTemplate.objects.create(
            name=f"测试检查表{uuid.uuid4().hex[:6]}", kind=ChecklistKind.DURING
        )

    def create_data(self) -> dict[str, Any]:
        return {
            "name": "夜间施工检查表",
            "kind": ChecklistKind.DURING,
            "in_force_from": "2026-01-01",
            "active": "on",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "kind": "nonsense"}, "kind"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "name": f"{obj.name}（修订）",
            "kind": ChecklistKind.PROHIBITIONS,
            "in_force_from": "2026-02-01",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined,no-any-return]

    def protect(self, obj: models.Model) -> None:
        ChecklistItem.objects.create(template=obj, code="x", text="保护项")


class TestChecklistItemViews(LedgerViewCases):
    ledger = ledgers.checklist_item

    def make(self, in_scope: bool) -> models.Model:
        template = ChecklistTemplate.objects.create(name=f"测试检查表{uuid.uuid4().hex[:6]}", kind="during")
        return ChecklistItem.objects.create(
            template=template, code="fence", text=f"围挡{uuid.uuid4().hex[:6]}"
        )

    def create_data(self) -> dict[str, Any]:
        template = ChecklistTemplate.objects.create(name="新增项检查表", kind="during")
        return {"template": template.pk, "code": "lights", "text": "夜间照明", "severity": "minor",
                "time_limit_days": 5, "legal_basis": "", "party": "contractor", "order": 10}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "time_limit_days": 0}, "time_limit_days"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"template": obj.template_id, "code": "fence", "text": "围挡（修订）", "severity": "grave",  # type: ignore[attr-defined]
                "time_limit_days": 2, "legal_basis": "大气污染防治法第115条", "party": "developer", "order": 5}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.text  # type: ignore[attr-defined,no-any-return]


class TestInspectionViews(LedgerViewCases):
    ledger = ledgers.inspection

    def make(self, in_scope: bool) -> models.Model:
        site = make_site(XIGUAN if in_scope else KAIYUAN)
        return Inspection.objects.create(site=site, template=during(), inspector=self.users["laocheng"],
                                         note=f"检查{uuid.uuid4().hex[:6]}")  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {"site": make_site(XIGUAN).pk, "template": during().pk, "performed_at": "2026-03-02 09:30",
                "note": "补录纸质检查记录"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "longitude": "112.5"}, "latitude"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"site": obj.site_id, "template": obj.template_id, "performed_at": "2026-03-03 10:00",  # type: ignore[attr-defined]
                "note": "更正"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.note  # type: ignore[attr-defined,no-any-return]


class TestPatrolReportViews(LedgerViewCases):
    ledger = ledgers.patrol_report

    def make(self, in_scope: bool) -> models.Model:
        return PatrolReport.objects.create(division=division(XIGUAN if in_scope else KAIYUAN),
                                           text=f"道路扬尘{uuid.uuid4().hex[:6]}")  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {"division": division(XIGUAN).pk, "text": "中州东路裸土未覆盖", "address": "中州东路"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "site": make_site(KAIYUAN).pk}, "site"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"division": obj.division_id, "text": "中州东路裸土已部分覆盖", "address": "中州东路2号"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.text  # type: ignore[attr-defined,no-any-return]


def test_grid_officers_bureau_staff_and_street_staff_may_inspect_a_reader_may_not(users: Any) -> None:
    from heluo.core.scope import may

    for username in ("wangge", "zhujian", "luolong"):
        assert may(users[username], "add", Inspection), username
        assert may(users[username], "add", PatrolReport), username
    assert not may(users["lingdao"], "add", Inspection)


def test_the_site_page_lists_its_latest_inspections(users: Any, client_as: Any) -> None:
    site = officer_site()
    inspection = inspect(users["wangge"], site, {"cover": []})
    page = client_as("wangge").get(site.get_absolute_url()).content.decode()
    assert 'data-testid="site-inspections"' in page and inspection.get_absolute_url() in page
    assert "1项不合格" in page


def test_a_grid_officer_may_not_change_the_citys_checklists(client_as: Any) -> None:
    template = during()
    response = client_as("wangge").post(
        ledgers.checklist.url("edit", template.pk),
        {
            "name": "改名",
            "kind": template.kind,
            "in_force_from": "2026-01-01",
            "row_version": template.row_version,
        },
    )
    assert response.status_code in (400, 403)
    template.refresh_from_db()
    assert template.name == "7个100%（施工中）"


def test_the_demo_inspects_through_the_service_and_closes_cases_by_reinspection(
    users: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from heluo.core.services.accounts import system_operator
    from heluo.dust import demo_inspections

    sites = [officer_site(is_demo=True), officer_site(is_demo=True), officer_site(KAIYUAN, is_demo=True)]
    monkeypatch.setattr(
        demo_inspections, "FAILURE_RATE", 0.3
    )  # enough failures on three sites to see the loop
    created = demo_inspections.load_demo(system_operator())
    inspections = Inspection.objects.filter(site__in=sites)
    assert inspections.count() == created["扬尘检查"] > 3 * 5
    assert not inspections.filter(is_demo=False).exists()
    cases = Case.objects.filter(source_kind="dust_inspection")
    assert cases.filter(state=State.CLOSED).exists() and not cases.filter(is_demo=False).exists()
    assert all(i.performed_at < timezone.now() for i in inspections)
    assert demo_inspections.load_demo(system_operator()) == {}


# --- a stop-work order (一票停工) and the inspection that lifts it ----------------------------------------


def test_a_passed_inspection_lifts_a_stop_work_order_once_its_days_have_run(users: Any) -> None:
    site = officer_site()
    stop = measure(site, MeasureKind.STOP_WORK, served_on=dt.date(2026, 10, 1), stop_days=7)
    early = timezone.make_aware(dt.datetime(2026, 10, 5, 10))
    inspect(users["wangge"], site, at=early)  # passed, but within the week stopped
    site.refresh_from_db()
    assert site.state == SiteState.STOPPED
    inspect(users["wangge"], site, failed={"cover": [photo()]}, at=early + dt.timedelta(days=5))
    site.refresh_from_db()
    assert site.state == SiteState.STOPPED
    passed = inspect(users["wangge"], site, at=early + dt.timedelta(days=6))
    site.refresh_from_db()
    stop = Measure.objects.get(pk=stop.pk)
    assert site.state == SiteState.UNDER_CONSTRUCTION
    assert stop.lifted_on == dt.date(2026, 10, 11) and stop.lifted_note == str(passed)[:200]
