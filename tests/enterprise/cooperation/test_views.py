"""The cooperation ledgers through the generic view checks, and the year page: figures and sentence from
the registry, the inline edit of a row, the workbook, and who sees what."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from django.urls import reverse
from python_calamine import CalamineWorkbook

from heluo.enterprise.cooperation import ledgers
from heluo.enterprise.cooperation.models import CooperationProgress
from tests.core.ledger_cases import LedgerViewCases

from .factories import KAIYUAN, LAOCHENG, XIGUAN, YI, division, progress, project, unit


class TestCooperationProjectViews(LedgerViewCases):
    ledger = ledgers.project

    def make(self, in_scope: bool) -> models.Model:
        return project(XIGUAN if in_scope else KAIYUAN)

    def create_data(self) -> dict[str, Any]:
        return {
            "name": "洛阳市老城区测试合作项目",
            "local_party": unit(LAOCHENG, "government").pk,
            "partners": [unit(XIGUAN).pk, unit(LAOCHENG).pk],
            "content": "文化旅游",
            "total_investment": "350000000",
            "start_date": "2018-03-01",
            "end_date": "2019-12-31",
            "division": division(LAOCHENG).pk,
            "entry_year": "2018",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "end_date": "2017-01-01"}, "end_date"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "name": f"{obj}（二期）",
            "local_party": obj.local_party_id,  # type: ignore[attr-defined]
            "partners": list(obj.partners.values_list("pk", flat=True)),  # type: ignore[attr-defined]
            "total_investment": "260000000",
            "division": division(XIGUAN).pk,
            "entry_year": "2017",
        }

    def protect(self, obj: models.Model) -> None:
        pytest.skip("a project's progress rows go with it")


class TestCooperationProgressViews(LedgerViewCases):
    ledger = ledgers.progress

    def make(self, in_scope: bool) -> models.Model:
        return progress(project(XIGUAN if in_scope else KAIYUAN), 2017, "under_construction", YI)

    def search_text(self, obj: models.Model) -> str:
        return obj.project.name  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "project": project(XIGUAN).pk,
            "year": "2018",
            "state": "completed",
            "completed_investment": "200000000",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        # Complete, but without its completed investment.
        return {**self.create_data(), "completed_investment": ""}, "completed_investment"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "project": obj.project_id,
            "year": obj.year,
            "state": "continuing",
            "completed_investment": "150000000",
        }  # type: ignore[attr-defined]


def year_url(year: int, code: str = LAOCHENG) -> str:
    return reverse("enterprise:cooperation_year", args=[year]) + f"?division={division(code).pk}"


@pytest.mark.django_db
def test_the_year_page_shows_the_figures_the_sentence_and_the_rows(client_as: Any) -> None:
    first = project(XIGUAN, total=3 * YI)
    second = project(LAOCHENG, total=Decimal("1.5") * YI)
    progress(first, 2018, "completed", 3 * YI)
    progress(second, 2018, "continuing", YI)
    page = client_as("laocheng").get(year_url(2018)).content.decode()
    assert first.name in page and second.name in page
    assert 'data-figure="enterprise.cooperation.projects">2个' in page
    assert "2018年,老城区纳入全市地企合作工作台账项目2个" in page
    assert 'data-copy-text="2018年,老城区' in page


@pytest.mark.django_db
def test_an_inline_edit_recomputes_the_figures_and_leaves_other_years_alone(client_as: Any) -> None:
    made = project(XIGUAN, total=4 * YI)
    earlier = progress(made, 2017, "continuing", YI)
    row = progress(made, 2018, "continuing", 2 * YI)
    client = client_as("laocheng")
    answer = client.post(
        reverse("enterprise:cooperation_progress_update", args=[row.pk])
        + f"?division={division(LAOCHENG).pk}",
        {f"row{row.pk}-state": "completed", f"row{row.pk}-completed_investment": "400000000"},
    )
    assert answer.status_code == 302 and answer["Location"].startswith(
        reverse("enterprise:cooperation_year", args=[2018])
    )
    row.refresh_from_db()
    earlier.refresh_from_db()
    assert (row.state, row.completed_investment) == ("completed", 4 * YI)
    assert (earlier.state, earlier.completed_investment) == ("continuing", YI)
    assert row.history.latest().history_user.username == "laocheng"
    page = client.get(year_url(2018)).content.decode()
    assert 'data-figure="enterprise.cooperation.completed">1个' in page


@pytest.mark.django_db
def test_an_inline_edit_that_breaks_a_rule_is_shown_and_changes_nothing(client_as: Any) -> None:
    row = progress(project(XIGUAN, total=YI), 2018, "continuing", YI / 2)
    answer = client_as("laocheng").post(
        reverse("enterprise:cooperation_progress_update", args=[row.pk]),
        {f"row{row.pk}-state": "completed", f"row{row.pk}-completed_investment": ""},
    )
    assert answer.status_code == 400
    assert "完工的项目需要填写完成投资" in answer.content.decode()
    row.refresh_from_db()
    assert row.state == "continuing"


@pytest.mark.django_db
def test_the_inline_edit_is_refused_to_a_viewer_and_outside_the_scope(client_as: Any) -> None:
    inside = progress(project(XIGUAN), 2018, "continuing", YI)
    outside = progress(project(KAIYUAN), 2018, "continuing", YI)
    data = {"state": "completed", "completed_investment": "200000000"}
    assert (
        client_as("lingdao")
        .post(reverse("enterprise:cooperation_progress_update", args=[inside.pk]), data)
        .status_code
        == 403
    )
    assert (
        client_as("laocheng")
        .post(reverse("enterprise:cooperation_progress_update", args=[outside.pk]), data)
        .status_code
        == 404
    )
    assert CooperationProgress.objects.get(pk=outside.pk).state == "continuing"


@pytest.mark.django_db
def test_a_user_of_another_district_sees_none_of_laochengs_projects(client_as: Any) -> None:
    theirs = progress(project(XIGUAN), 2018, "continuing", YI)
    client = client_as("luolong")
    page = client.get(reverse("enterprise:cooperation_year", args=[2018])).content.decode()
    assert theirs.project.name not in page
    # 老城区 is not among the districts they may choose.
    assert client.get(year_url(2018)).status_code == 400
    assert client.get(theirs.project.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_the_year_workbook_holds_the_figures_the_sentence_and_the_rows(client_as: Any) -> None:
    made = project(XIGUAN, total=3 * YI)
    progress(made, 2018, "completed", 3 * YI)
    answer = client_as("laocheng").get(
        reverse("enterprise:cooperation_year_xlsx", args=[2018]) + f"?division={division(LAOCHENG).pk}"
    )
    assert answer.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(answer.content))
    summary = book.get_sheet_by_index(0).to_python()
    assert summary[1][2] == 1  # projects
    assert any(str(line[0]).startswith("2018年,老城区") for line in summary)
    rows = book.get_sheet_by_index(1).to_python()
    assert rows[1][0] == made.name and rows[1][4] == 300000000


@pytest.mark.django_db
def test_the_year_list_goes_to_the_latest_year(client_as: Any) -> None:
    progress(project(XIGUAN), 2018, "continuing", YI)
    answer = client_as("laocheng").get(reverse("enterprise:cooperation_years"))
    assert answer.status_code == 302
