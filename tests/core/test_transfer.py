"""Excel and CSV in and out of the ledgers: export, template, preview, all-or-nothing import."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from django.core.management import call_command
from django.core.management.base import CommandError

from heluo.core import ledgers
from heluo.core.identifiers import credit_code_check_char, mask
from heluo.core.models import Division, Job, JobState, Person, Unit, UnitType
from heluo.core.services import transfer
from heluo.core.services.imports import apply_import, plan_import
from heluo.core.tabular.reading import Table, read_table

XIGUAN = "410302001000"


def credit_code(serial: int) -> str:
    first17 = f"91410302MA{serial:07d}"
    return first17 + credit_code_check_char(first17)


def workbook_of(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def saved(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def exported(username: str, users: dict[str, Any], ledger: Any = ledgers.unit, query: str = "") -> bytes:
    return transfer.export_to_bytes(ledger, users[username], query)[1]


def test_export_has_record_ids_labels_natural_keys_versions_and_a_frozen_header(
    users: dict[str, Any],
) -> None:
    sheet = workbook_of(exported("laocheng", users)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "记录ID" and rows[0][-1] == "版本号"
    assert rows[0][1:4] == ("名称", "单位类型", "行政区划")
    assert sheet.freeze_panes == "A2"
    gudu = next(r for r in rows if r[1] == "洛阳古都发展集团有限公司")
    assert gudu[2] == "企业" and gudu[3] == "410302000000" and gudu[-1] == 1
    assert isinstance(gudu[0], int)
    assert len(rows) - 1 == Unit.objects.for_user(users["laocheng"]).count()


def test_export_applies_the_lists_filters_and_scope(users: dict[str, Any]) -> None:
    enterprise = UnitType.objects.get(code="enterprise")
    rows = list(
        workbook_of(exported("laocheng", users, query=f"unit_type={enterprise.pk}")).active.iter_rows(
            values_only=True
        )
    )
    assert {r[2] for r in rows[1:]} == {"企业"}
    names = {r[1] for r in rows[1:]}
    assert "中铁四局集团有限公司" not in names  # a city-level enterprise, outside 老城区


def test_export_keeps_document_numbers_masked(users: dict[str, Any]) -> None:
    rows = list(workbook_of(exported("laocheng", users, ledgers.person)).active.iter_rows(values_only=True))
    header = rows[0].index("证件号码")
    numbers = [r[header] for r in rows[1:] if r[header]]
    assert numbers and all("*" in n for n in numbers)


def test_reimporting_an_unchanged_export_changes_nothing(users: dict[str, Any]) -> None:
    for ledger in (ledgers.unit, ledgers.person, ledgers.grid, ledgers.grid_membership, ledgers.account):
        data = exported("laocheng", users, ledger)
        summary = transfer.import_file(ledger, users["laocheng"], "x.xlsx", data, apply=True)
        assert summary["error_count"] == 0, (ledger.label, summary["errors"])
        assert summary["counts"]["created"] == summary["counts"]["updated"] == 0
        assert summary["counts"]["unchanged"] == summary["rows"]


def test_an_edited_export_updates_one_row_and_adds_one(users: dict[str, Any]) -> None:
    book = workbook_of(exported("laocheng", users))
    sheet = book.active
    target = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "洛阳古都发展集团有限公司")
    target[1].value = "洛阳古都发展集团有限公司（改）"
    sheet.append(
        [
            None,
            "西关新企业",
            "企业",
            XIGUAN,
            None,
            credit_code(1),
            None,
            "王五",
            "13800000001",
            None,
            None,
            None,
        ]
    )
    data = saved(book)
    preview = transfer.import_file(ledgers.unit, users["laocheng"], "x.xlsx", data, apply=False)
    assert preview["counts"]["updated"] == 1 and preview["counts"]["created"] == 1, preview["errors"]
    assert not Unit.objects.filter(name="西关新企业").exists()
    transfer.import_file(ledgers.unit, users["laocheng"], "x.xlsx", data, apply=True)
    changed = Unit.objects.get(name="洛阳古都发展集团有限公司（改）")
    added = Unit.objects.get(name="西关新企业")
    assert changed.row_version == 2 and added.division.code == XIGUAN
    for unit, kind in ((changed, "~"), (added, "+")):
        record = unit.history.latest("history_date")
        assert record.history_type == kind and record.history_user.username == "laocheng"


def _units_file(rows: int, bad_row: int | None = None) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["名称", "单位类型", "行政区划", "统一社会信用代码"])
    for n in range(1, rows + 1):
        code = credit_code(n) if n != bad_row else credit_code(n)[:-1] + "0"
        sheet.write_row(n, 0, [f"批量导入企业{n:05d}", "企业", XIGUAN, code])
    book.close()
    return buffer.getvalue()


def test_ten_thousand_rows_with_one_bad_cell_write_nothing_then_all_once_fixed(users: dict[str, Any]) -> None:
    before = Unit.objects.count()
    bad = _units_file(10_000, bad_row=5000)
    summary = transfer.import_file(ledgers.unit, users["laocheng"], "big.xlsx", bad, apply=True)
    assert not summary["written"] and summary["error_count"] == 1
    [error] = summary["errors"]
    assert (error["row"], error["column"]) == (5001, "统一社会信用代码")
    assert error["value"] == credit_code(5000)[:-1] + "0" and "校验位" in error["message"]
    assert Unit.objects.count() == before
    summary = transfer.import_file(
        ledgers.unit, users["laocheng"], "big.xlsx", _units_file(10_000), apply=True
    )
    assert summary["written"] and summary["counts"]["created"] == 10_000
    assert Unit.objects.count() == before + 10_000
    assert Unit.history.filter(name__startswith="批量导入企业", history_type="+").count() == 10_000


@pytest.mark.parametrize(("encoding", "bom"), [("gbk", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])
def test_csv_in_gbk_utf8_with_bom_and_gb18030_keeps_its_chinese(
    users: dict[str, Any], encoding: str, bom: bytes
) -> None:
    name = "瀍河喆䶮测试单位" if encoding == "gb18030" else "瀍河喆测试单位"
    text = f"名称,单位类型,行政区划\r\n{name},企业,{XIGUAN}\r\n"
    summary = transfer.import_file(
        ledgers.unit, users["laocheng"], "x.csv", bom + text.encode(encoding), apply=True
    )
    assert summary["written"], summary["errors"]
    assert Unit.objects.filter(name=name).exists()


def test_an_id_outside_the_users_scope_is_refused(users: dict[str, Any]) -> None:
    luolong_unit = (
        Unit.objects.for_user(users["luolong"]).exclude(division__path__startswith="410302").first()
    )
    assert luolong_unit is not None
    rows = [
        ["记录ID", "名称", "单位类型", "行政区划", "版本号"],
        [luolong_unit.pk, "改名", "企业", XIGUAN, luolong_unit.row_version],
    ]
    plan = plan_import(ledgers.unit, Table(rows[0], [(2, rows[1])]), users["laocheng"])
    assert [(e.row, e.column) for e in plan.errors] == [(2, "记录ID")]
    assert plan.counts["refused"] == 1


def _row_of(sheet: Any, name: str) -> int:
    names = [cell.value for cell in next(sheet.iter_cols(min_col=2, max_col=2))]
    return names.index(name) + 1


def test_a_row_changed_since_its_export_is_refused_when_the_file_changes_it(users: dict[str, Any]) -> None:
    book = workbook_of(exported("laocheng", users))
    sheet = book.active
    unit = Unit.objects.get(name="洛阳古都发展集团有限公司")
    unit.contact_name = "别人改的"
    unit.save()
    header = [cell.value for cell in sheet[1]]
    sheet.cell(_row_of(sheet, unit.name), header.index("联系电话") + 1, "13700000000")
    summary = transfer.import_file(ledgers.unit, users["laocheng"], "x.xlsx", saved(book), apply=True)
    assert not summary["written"]
    [error] = summary["errors"]
    assert error["column"] == "版本号" and "导出后" in error["message"]
    unit.refresh_from_db()
    assert unit.contact_name == "别人改的" and unit.contact_phone != "13700000000"


def test_a_row_changed_since_its_export_that_the_file_leaves_alone_does_not_block(
    users: dict[str, Any],
) -> None:
    book = workbook_of(exported("laocheng", users))
    sheet = book.active
    unit = Unit.objects.get(name="洛阳古都发展集团有限公司")
    unit.contact_name = "别人改的"
    unit.save()
    other = (
        Unit.objects.filter(division__path__startswith="410302").exclude(pk=unit.pk).order_by("pk").first()
    )
    header = [cell.value for cell in sheet[1]]
    sheet.cell(_row_of(sheet, other.name), header.index("联系人") + 1, "新联系人")
    preview = transfer.import_file(ledgers.unit, users["laocheng"], "x.xlsx", saved(book), apply=False)
    assert preview["error_count"] == 0 and preview["counts"]["updated"] == 1
    [change] = preview["changes"]
    assert change["id"] == other.pk and change["fields"] == [
        {"column": "联系人", "before": other.contact_name, "after": "新联系人"}
    ]
    summary = transfer.import_file(ledgers.unit, users["laocheng"], "x.xlsx", saved(book), apply=True)
    assert summary["written"]
    unit.refresh_from_db()
    other.refresh_from_db()
    assert unit.contact_name == "别人改的" and other.contact_name == "新联系人"


def test_a_division_is_found_by_its_name_where_unique_in_scope(users: dict[str, Any]) -> None:
    community = Division.objects.filter(code__startswith="410302", name__endswith="社区居民委员会").first()
    headers = ["名称", "单位类型", "行政区划"]
    rows = [(2, ["按名称单位", "企业", "西关街道"]), (3, ["按全称单位", "企业", community.name]),
            (4, ["按简称单位", "企业", community.display_name])]  # fmt: skip
    plan = plan_import(ledgers.unit, Table(headers, rows), users["laocheng"])
    assert plan.ok, plan.errors
    divisions = {n: getattr(f, "instance", f).division.code for n, _a, f in plan.accepted}
    assert divisions[2] == XIGUAN and divisions[3] == divisions[4] == community.code
    # Outside the scope a name is not found, as a code is not.
    plan = plan_import(
        ledgers.unit, Table(headers, [(2, ["外区单位", "企业", "开元路街道"])]), users["laocheng"]
    )
    assert [e.column for e in plan.errors] == ["行政区划"]


def test_two_rows_of_one_file_with_the_same_unique_value_are_refused(users: dict[str, Any]) -> None:
    headers = ["名称", "单位类型", "行政区划", "统一社会信用代码"]
    rows = [(2, ["甲企业", "企业", XIGUAN, credit_code(7)]), (3, ["乙企业", "企业", XIGUAN, credit_code(7)]),
            (4, ["甲企业", "企业", XIGUAN, credit_code(8)])]  # fmt: skip
    plan = plan_import(ledgers.unit, Table(headers, rows), users["laocheng"])
    refused = sorted((e.row, e.column) for e in plan.errors)
    assert refused == [(3, "统一社会信用代码"), (4, "名称")]
    assert all("第2行" in e.message for e in plan.errors)


def test_a_value_already_stored_elsewhere_is_refused(users: dict[str, Any]) -> None:
    stored = Unit.objects.exclude(credit_code="").first()
    headers = ["名称", "单位类型", "行政区划", "统一社会信用代码"]
    plan = plan_import(
        ledgers.unit, Table(headers, [(2, ["新企业", "企业", XIGUAN, stored.credit_code])]), users["laocheng"]
    )
    assert [e.column for e in plan.errors] == ["统一社会信用代码"]


def test_a_masked_document_number_left_as_exported_is_unchanged(users: dict[str, Any]) -> None:
    person = Person.objects.filter(division__path__startswith="410302").exclude(id_number="").first()
    book = workbook_of(exported("laocheng", users, ledgers.person))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == person.pk)
    assert row[header.index("证件号码")].value == mask(person.id_number)
    row[header.index("电话")].value = "13912345678"
    summary = transfer.import_file(ledgers.person, users["laocheng"], "p.xlsx", saved(book), apply=True)
    assert summary["counts"]["updated"] == 1, summary["errors"]
    stored = person.id_number
    person.refresh_from_db()
    assert person.id_number == stored and person.phone == "13912345678"


def test_bad_cells_of_every_kind_are_listed_with_row_column_value_and_message(users: dict[str, Any]) -> None:
    headers = ["姓名", "性别", "证件类型", "证件号码", "电话", "行政区划"]
    rows = [
        (2, ["甲", "未知", "居民身份证", "11010519491231002X", "", XIGUAN]),
        (3, ["乙", "男", "居民身份证", "110105194912310021", "", XIGUAN]),
        (4, ["丙", "女", "", "", "12345", XIGUAN]),
        (5, ["丁", "女", "", "", "", "410311002000"]),
    ]
    plan = plan_import(ledgers.person, Table(headers, rows), users["laocheng"])
    found = {(e.row, e.column): e for e in plan.errors}
    assert set(found) == {(2, "性别"), (3, "证件号码"), (4, "电话"), (5, "行政区划")}
    assert found[(5, "行政区划")].value == "410311002000"
    assert plan.counts["refused"] == 4


def test_unknown_and_missing_columns_are_refused_before_any_row(users: dict[str, Any]) -> None:
    plan = plan_import(ledgers.unit, Table(["名字", "单位类型"], [(2, ["x", "企业"])]), users["laocheng"])
    assert {e.column for e in plan.errors} == {"名字", "名称", "行政区划"}
    assert all(e.row == 1 for e in plan.errors)


def test_a_read_only_user_cannot_import(users: dict[str, Any], client_as: Any) -> None:
    assert client_as("lingdao").get("/core/units/import/").status_code == 403
    headers = ["名称", "单位类型", "行政区划"]
    plan = plan_import(
        ledgers.unit, Table(headers, [(2, ["只读新增", "企业", "410300000000"])]), users["lingdao"]
    )
    assert plan.counts["refused"] == 1 and not plan.accepted


def test_an_account_import_creates_accounts_through_the_grant_rules(users: dict[str, Any]) -> None:
    headers = ["用户名", "显示名称", "所属区划", "角色"]
    rows = [
        (2, ["xg-import", "西关导入", XIGUAN, "区县/街道工作人员"]),
        (3, ["xg-high", "越权", XIGUAN, "市级管理员"]),
    ]
    plan = plan_import(ledgers.account, Table(headers, rows), users["laocheng"])
    assert [(e.row, e.column) for e in plan.errors] == [(3, "角色")]
    summary = transfer.import_file(ledgers.account, users["laocheng"], "a.csv",
                                   "用户名,显示名称,所属区划,角色\nxg-import,西关导入,410302001000,区县/街道工作人员\n".encode(), apply=True)  # fmt: skip
    assert summary["written"] and "西关导入" in summary["temporary_passwords"]


def test_template_has_the_import_headers_dropdowns_and_a_column_guide(users: dict[str, Any]) -> None:
    from heluo.core.tabular.writing import write_template

    buffer = io.BytesIO()
    write_template(ledgers.person, buffer)
    book = workbook_of(buffer.getvalue())
    assert book.sheetnames == ["人员", "列说明"]
    headers = [c.value for c in book["人员"][1]]
    assert headers[:4] == ["姓名", "性别", "证件类型", "证件号码"]
    validations = {
        str(v.sqref).split(":")[0]: v.formula1 for v in book["人员"].data_validations.dataValidation
    }
    assert "男" in validations["B2"] and "居民身份证" in validations["C2"]
    guide = list(book["列说明"].iter_rows(values_only=True))
    assert guide[0][:3] == ("列", "必填", "类型")
    assert guide[1][:2] == ("姓名", "是")
    # The template imports as it is, once filled.
    filled = Table(headers, [(2, ["模板人员", "男", "", "", "", XIGUAN, "", ""])])
    assert plan_import(ledgers.person, filled, users["laocheng"]).ok


def test_read_table_refuses_what_it_cannot_read() -> None:
    from heluo.core.tabular.reading import UnreadableFile

    with pytest.raises(UnreadableFile):
        read_table("x.xlsx", b"not a zip")
    with pytest.raises(UnreadableFile):
        read_table("x.pdf", b"%PDF")
    with pytest.raises(UnreadableFile):
        read_table("x.csv", b"")


def test_import_command_refuses_and_writes_nothing_or_writes_as_the_system_operator(
    users: dict[str, Any], tmp_path: Any, capsys: Any
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"名称,单位类型,行政区划\n命令行单位,企业,{XIGUAN}\n命令行单位,企业,{XIGUAN}\n", encoding="utf-8"
    )
    with pytest.raises(CommandError):
        call_command("import", "core.unit", str(bad))
    assert not Unit.objects.filter(name="命令行单位").exists()
    good = tmp_path / "good.csv"
    good.write_text(f"名称,单位类型,行政区划\n命令行单位,企业,{XIGUAN}\n", encoding="utf-8")
    call_command("import", "core.unit", str(good), "--dry-run")
    assert not Unit.objects.filter(name="命令行单位").exists()
    call_command("import", "core.unit", str(good))
    unit = Unit.objects.get(name="命令行单位")
    assert unit.history.get().history_user.username == "system"
    out = tmp_path / "out.xlsx"
    call_command("export", "core.unit", str(out), "--filter", "q=命令行", "--user", "laocheng")
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["命令行单位"]


def test_apply_checks_again_and_refuses_a_change_made_after_the_preview(users: dict[str, Any]) -> None:
    headers = ["名称", "单位类型", "行政区划", "统一社会信用代码"]
    table = Table(headers, [(2, ["预览后冲突", "企业", XIGUAN, credit_code(99)])])
    assert plan_import(ledgers.unit, table, users["laocheng"]).ok
    Unit.objects.create(
        name="抢先",
        unit_type=UnitType.objects.first(),
        division=Division.objects.get(code=XIGUAN),
        credit_code=credit_code(99),
    )
    from heluo.core.services.imports import ImportRefused

    with pytest.raises(ImportRefused):
        apply_import(ledgers.unit, table, users["laocheng"])
    assert not Unit.objects.filter(name="预览后冲突").exists()


def test_the_import_page_previews_then_confirms(client_as: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as("laocheng")
    upload = SimpleUploadedFile("u.csv", f"名称,单位类型,行政区划\n页面导入单位,企业,{XIGUAN}\n".encode())
    response = client.post("/core/units/import/", {"file": upload})
    job = Job.objects.latest("pk")
    assert response["Location"] == f"/core/jobs/{job.pk}/"
    assert job.state == JobState.SUCCEEDED and job.result["counts"]["created"] == 1
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="confirm-import"' in page
    assert not Unit.objects.filter(name="页面导入单位").exists()
    client.post(f"/core/jobs/{job.pk}/confirm/")
    assert Unit.objects.filter(name="页面导入单位").exists()
    assert client_as("luolong").get(f"/core/jobs/{job.pk}/").status_code == 404  # a job is its user's


def test_a_large_export_runs_as_a_job_with_a_downloadable_result(client_as: Any, monkeypatch: Any) -> None:
    from heluo.core.services import jobs

    monkeypatch.setattr(jobs, "INLINE_ROWS", 5)
    client = client_as("laocheng")
    before = Job.objects.count()
    asked = client.get("/core/units/export/")
    assert asked.status_code == 200 and 'data-testid="start-export"' in asked.content.decode()
    assert Job.objects.count() == before  # a GET queues nothing
    response = client.post("/core/units/export/")
    job = Job.objects.latest("pk")
    assert response["Location"] == job.get_absolute_url()
    assert job.state == JobState.SUCCEEDED and job.result["rows"] > 5
    download = client.get(f"/core/jobs/{job.pk}/download/")
    assert workbook_of(b"".join(download.streaming_content)).active.max_row == job.result["rows"] + 1


def test_the_preview_page_shows_each_updated_row_before_and_after(
    client_as: Any, users: dict[str, Any]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    unit = Unit.objects.filter(division__path__startswith="410302").order_by("pk").first()
    body = (
        f"记录ID,名称,单位类型,行政区划,联系人,版本号\n"
        f"{unit.pk},{unit.name},{unit.unit_type.name},{unit.division.code},预览新联系人,{unit.row_version}\n"
    )
    client = client_as("laocheng")
    response = client.post(
        "/core/units/import/", {"file": SimpleUploadedFile("u.csv", body.encode())}, follow=True
    )
    page = response.content.decode()
    assert 'data-testid="import-changes"' in page and "修改前" in page
    assert "预览新联系人" in page and unit.name in page
