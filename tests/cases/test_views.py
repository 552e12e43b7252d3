"""Supervision pages: the case ledger's generic pages, acts through the page (and their refusals), the
figures, the overdue list, the supervision notice and the calendar corrections."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import zlib
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from heluo.cases import ledgers
from heluo.cases.models import Case, CaseCategory, HolidayOverride, State
from heluo.cases.services import transitions as act
from heluo.cases.services.registration import Registration, register_case
from heluo.core.models import Account, Division, Unit
from tests.core.ledger_cases import LedgerViewCases

from .conftest import XIGUAN

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class TestCaseLedger(LedgerViewCases):
    ledger = ledgers.case
    actor = "laocheng"  # 老城区's administrator: supervises cases in 老城区

    def make(self, in_scope: bool) -> Case:
        registration = Registration(
            title="视图测试" + ("西关" if in_scope else "开元路"), category=CaseCategory.objects.get(code="dust"),
            division=Division.objects.get(code=XIGUAN if in_scope else "410311002000"),
        )  # fmt: skip
        return register_case(self.users["duban"], registration)

    def create_data(self) -> dict[str, Any]:
        return {"title": "新登记的督办事项", "category": CaseCategory.objects.get(code="dust").pk, "source_kind": "patrol",
                "division": Division.objects.get(code=XIGUAN).pk, "priority": 1, "time_limit_days": 5}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {
            **self.create_data(),
            "time_limit_days": 5,
            "requested_due_date": "2026-12-31",
        }, "requested_due_date"

    def update_data(self, obj: Any) -> dict[str, Any]:
        return {**self.create_data(), "title": obj.title + "（已改）"}

    def protect(self, obj: Any) -> None:
        act.assign_case(self.users["duban"], obj, unit=Unit.objects.get(name="西关街道办事处"), days=5)


def test_a_handler_may_not_change_a_cases_description(client_as: Any, make_case: Any) -> None:
    case = make_case("assigned")
    response = client_as("wangge").post(ledgers.case.url("edit", case.pk), {"title": "改掉"})
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).title == "测试督办事项"


def test_the_case_page_shows_the_acts_each_user_may_make(client_as: Any, make_case: Any) -> None:
    case = make_case("replied")
    supervisor = client_as("duban").get(case.get_absolute_url()).content.decode()
    assert 'data-testid="act-return"' in supervisor and 'data-testid="act-close"' in supervisor
    officer = client_as("wangge").get(case.get_absolute_url()).content.decode()
    assert 'data-testid="act-close"' not in officer and 'data-testid="act-note"' in officer
    assert 'data-testid="timeline"' in officer


def test_an_act_through_the_page_moves_the_case(client_as: Any, make_case: Any) -> None:
    case = make_case("in_progress")
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    response = client_as("wangge").post(
        f"/cases/cases/{case.pk}/act/reply/", {"reply-note": "已整改", "reply-files": [photo]}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.REPLIED
    page = client_as("duban").get(case.get_absolute_url()).content.decode()
    assert 'data-testid="event-photo"' in page


def test_an_illegal_act_is_refused_on_the_page_with_its_reason(client_as: Any, make_case: Any) -> None:
    case = make_case("closed")
    response = client_as("duban").post(f"/cases/cases/{case.pk}/act/return/", {"return-note": "再办"})
    assert response.status_code == 409
    assert 'data-testid="refusal"' in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == State.CLOSED


def test_an_unauthorised_act_is_refused_on_the_page(client_as: Any, make_case: Any) -> None:
    case = make_case("replied")
    response = client_as("wangge").post(f"/cases/cases/{case.pk}/act/close/", {"close-note": ""})
    assert response.status_code == 403 and 'data-testid="refusal"' in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == State.REPLIED


def test_bad_input_to_an_act_is_refused_field_by_field(client_as: Any, make_case: Any) -> None:
    case = make_case("registered")
    response = client_as("duban").post(f"/cases/cases/{case.pk}/act/assign/", {"assign-days": "3"})
    assert response.status_code == 400
    assert 'data-testid="error-unit"' in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == State.REGISTERED


def test_acts_on_a_case_outside_the_scope_are_404(client_as: Any, make_case: Any) -> None:
    case = make_case("replied")
    assert (
        client_as("beiyao").post(f"/cases/cases/{case.pk}/act/note/", {"note-note": "x"}).status_code == 404
    )
    assert client_as("beiyao").get(f"/cases/cases/{case.pk}/notice/").status_code == 404
    assert client_as("duban").post(f"/cases/cases/{case.pk}/act/unknown/", {}).status_code == 404


def test_assignment_through_the_page_warns_about_an_unknown_year(client_as: Any, make_case: Any) -> None:
    case = make_case("registered")
    unit = Unit.objects.get(name="定鼎门社区居民委员会")
    response = client_as("duban").post(
        f"/cases/cases/{case.pk}/act/assign/",
        {"assign-unit": unit.pk, "assign-due_date": "2031-03-03"}, follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    assert "2031" in " ".join(str(m) for m in response.context["messages"])


def test_the_statistics_page_ranks_units_and_exports(client_as: Any, make_case: Any) -> None:
    make_case("closed")
    client = client_as("duban")
    page = client.get("/cases/statistics/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="ranking"' in body and "定鼎门社区居民委员会" in body and "rate-chart" in body
    assert client.get("/cases/statistics/", {"by": "division"}).status_code == 200
    bad = client.get("/cases/statistics/", {"start": "2026-11-30", "end": "2026-11-01"})
    assert bad.status_code == 400 and "invalid-feedback" in bad.content.decode()
    export = client.get("/cases/statistics/export/")
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    assert len(book.worksheets) == 2


def test_the_statistics_and_overdue_pages_are_refused_without_the_module(base_data_reader: Any) -> None:
    client = Client()
    client.force_login(base_data_reader)
    for url in ("/cases/statistics/", "/cases/overdue/", "/cases/statistics/export/"):
        assert client.get(url).status_code == 403


def test_the_overdue_list_and_my_cases(client_as: Any, make_case: Any) -> None:
    case = make_case("in_progress")
    Case.objects.filter(pk=case.pk).update(due_at=case.due_at - dt.timedelta(days=30))
    body = client_as("duban").get("/cases/overdue/").content.decode()
    assert case.number in body
    closed = make_case("closed", title="已办结的事项")
    mine = client_as("wangge").get("/cases/mine/", follow=True).content.decode()
    assert case.number in mine and closed.number not in mine  # open cases only


def test_the_supervision_notice_prints_and_downloads_as_pdf(client_as: Any, make_case: Any) -> None:
    case = make_case("assigned")
    page = client_as("wangge").get(f"/cases/cases/{case.pk}/notice/").content.decode()
    assert case.number in page and "定鼎门社区居民委员会" in page and "@page" in page
    response = client_as("wangge").get(f"/cases/cases/{case.pk}/notice.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and b"/FontFile" in _pdf_objects(response.content)


def _pdf_objects(data: bytes) -> bytes:
    """The PDF's objects with their compressed streams opened (fonts sit in object streams)."""
    opened = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            opened.append(zlib.decompress(stream))
    return b"".join(opened)


def test_the_calendar_is_corrected_by_the_city_only(client_as: Any) -> None:
    data = {"date": "2031-01-01", "name": "元旦", "is_workday": ""}
    assert client_as("luolong").post("/cases/calendar/add/", data).status_code == 403
    assert client_as("duban").post("/cases/calendar/add/", data).status_code == 403
    assert client_as("admin").post("/cases/calendar/add/", data).status_code == 302
    assert HolidayOverride.objects.filter(date="2031-01-01").exists()
    assert client_as("luolong").get("/cases/calendar/").status_code == 200


@pytest.mark.parametrize("username", ["duban", "wangge", "dingdingmen", "luolong", "lingdao"])
def test_every_page_opens_for_every_role_that_reads_cases(
    client_as: Any, make_case: Any, username: str
) -> None:
    case = make_case("replied")
    client = client_as(username)
    for url in ("/cases/cases/", case.get_absolute_url(), "/cases/statistics/", "/cases/overdue/",
                f"/cases/cases/{case.pk}/history/", "/cases/calendar/"):  # fmt: skip
        assert client.get(url).status_code == 200, url
    assert Account.objects.filter(user__username=username).exists()


def test_cases_come_in_from_a_spreadsheet_through_the_registration(users: dict[str, Any]) -> None:
    from heluo.core.services import transfer
    from heluo.core.tabular.columns import columns_for

    columns = {column.name: column for column in columns_for(ledgers.case)}
    values = {
        "title": "表格导入的督办事项",
        "category": columns["category"].key.to_text(CaseCategory.objects.get(code="dust")),  # type: ignore[union-attr]
        "source_kind": "patrol",
        "division": columns["division"].key.to_text(Division.objects.get(code=XIGUAN)),  # type: ignore[union-attr]
        "priority": "1",
        "time_limit_days": "5",
    }
    text = ",".join(columns[n].header for n in values) + "\n" + ",".join(values.values()) + "\n"
    summary = transfer.import_file(ledgers.case, users["duban"], "cases.csv", text.encode(), apply=True)
    assert summary["written"], summary["errors"]
    case = Case.objects.get(title="表格导入的督办事项")
    assert case.number.startswith("DB-") and case.events.filter(kind="registered").exists()
    assert case.time_limit_days == 5 and case.registered_by == users["duban"]


def test_the_notice_gives_the_matter_for_handling_and_breaks_its_title_between_phrases(
    client_as: Any, make_case: Any
) -> None:
    from heluo.cases.services.notice import title_phrases

    case = make_case("assigned", title="金家街社区工地裸土未覆盖，渣土车未密闭运输")
    page = client_as("wangge").get(f"/cases/cases/{case.pk}/notice/").content.decode()
    assert "交你单位办理" in page and "交你单位督办" not in page
    assert title_phrases(case.title) == [
        ("关于督促办理", True), ("“金家街社区工地裸土未覆盖，", True), ("渣土车未密闭运输”的通知", True),
    ]  # fmt: skip
    # A phrase longer than a line may break; Latin letters and digits count half.
    assert title_phrases("洛阳市洛龙区周山路城中村改造拆迁项目施工围挡破损出入口未冲洗车辆")[-1][1] is False
    assert title_phrases("PM10小时均值超过150（预警）")[-1] == ("“PM10小时均值超过150（预警）”的通知", True)


def test_the_seal_on_the_notice_stays_clear_of_the_record_below(make_case: Any) -> None:
    """The seal presses on the issuer's name and the date, never on the 印发 line under them."""
    weasyprint = pytest.importorskip("weasyprint")
    from django.template.loader import render_to_string

    from heluo.cases.services.notice import context

    case = make_case("assigned")
    document = weasyprint.HTML(
        string=render_to_string("cases/notice.html", {**context(case), "for_print": False, "fonts": {}})
    ).render()
    edges: dict[str, tuple[float, float]] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            name = element.get("class") if element is not None and box.element_tag == "div" else None
            if name in ("seal", "record") and name not in edges:
                box = getattr(box, "_box", box)  # an absolutely placed box sits in a placeholder
                edges[name] = (box.border_box_y(), box.border_box_y() + box.border_height())
    assert edges["seal"][1] <= edges["record"][0]


def test_on_a_phone_the_case_list_reads_as_cards_with_its_filters_folded(
    client_as: Any, make_case: Any
) -> None:
    """Each cell names its column; the card starts with the title, the state, the deadline and the
    responsible unit; the filters beyond the search fold behind a button that counts those in use."""
    case = make_case("in_progress", title="卡片显示测试")
    page = (
        client_as("duban").get("/cases/cases/", {"q": case.number, "state": "in_progress"}).content.decode()
    )
    assert "heluo-cards" in page
    title = page.index("卡片显示测试")
    row = page[page.rindex("<tr", 0, title) : page.index("</tr>", title)]
    places = dict(re.findall(r'data-label="([^"]+)" data-card="(\d)"', row))
    assert places == {"标题": "1", "状态": "2", "办结时限": "3", "责任单位": "4"}
    assert 'data-label="督办编号"' in row
    assert 'data-testid="filter-toggle"' in page and "筛选条件（已选 1 项）" in page
    assert 'class="col-12 collapse heluo-filter-fields" id="filter-fields"' in page


def test_the_notice_comes_as_a_word_compatible_file_too(make_case: Any) -> None:
    """The same official document, for an office that edits before it issues (core.documents.word)."""
    from heluo.cases.services.notice import TEMPLATE, context
    from heluo.core import documents

    case = make_case("assigned")
    html = documents.word(TEMPLATE, context(case)).decode("utf-8")
    assert case.number in html and "交你单位办理" in html and "data-print" not in html
