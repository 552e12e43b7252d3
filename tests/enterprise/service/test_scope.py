"""The service desk in the scope matrix: every demo role against a problem of a 老城区 enterprise and one
of a 洛龙区 enterprise, on the list, the edit page and the officer's page. Written out by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from heluo.core.models import Account, Division, Unit, UnitType
from heluo.enterprise.service import ledgers
from heluo.enterprise.service.models import OfficerAssignment, Problem, ProblemCategory

USERS = ["admin", "laocheng", "gaoxin", "zhujian", "luolong", "mengjin", "wangge", "duban", "dingdingmen",
         "beiyao", "wuzhuang", "lingdao", "fuwuguan"]  # fmt: skip
# Who may open the module's problem pages at all (the line, 条, and the view permission).
VIEWERS = {"admin", "laocheng", "gaoxin", "luolong", "mengjin", "duban", "lingdao", "fuwuguan"}
# Who sees each problem (the territory, 块).
SEES = {
    "laocheng": {"admin", "laocheng", "duban", "lingdao", "fuwuguan"},
    "luolong": {"admin", "luolong", "duban", "lingdao"},
}
# Who may change a problem they see.
CHANGERS = {"admin", "laocheng", "gaoxin", "luolong", "mengjin", "fuwuguan"}


@pytest.fixture
def problems(db: Any) -> dict[str, Problem]:
    kind = UnitType.objects.get(code="enterprise")
    made = {}
    for key, code in (("laocheng", "410302001000"), ("luolong", "410311002000")):
        unit = Unit.objects.create(
            name=f"矩阵{key}企业", unit_type=kind, division=Division.objects.get(code=code)
        )
        made[key] = Problem.objects.create(
            enterprise=unit, category=ProblemCategory.objects.get(code="funds"), description=f"矩阵问题{key}",
            raised_on=dt.date(2026, 11, 2), responsible_unit=Unit.objects.get(name="老城区金融工作局"),
        )  # fmt: skip
    officer = Account.objects.get(user__username="fuwuguan").person
    OfficerAssignment.objects.create(
        officer=officer, enterprise=made["laocheng"].enterprise, start=dt.date(2026, 1, 1)
    )
    return made


@pytest.mark.parametrize("username", USERS)
def test_the_problem_ledger_follows_the_scope(
    problems: dict[str, Problem], client_as: Any, username: str
) -> None:
    client = client_as(username)
    response = client.get(ledgers.problem.url("list"), {"q": "矩阵问题", "per_page": 200})
    if username not in VIEWERS:
        assert response.status_code == 403
        return
    body = response.content.decode()
    assert {key for key, problem in problems.items() if problem.get_absolute_url() in body} == {
        key for key, seen_by in SEES.items() if username in seen_by
    }
    edit = client.get(ledgers.problem.url("edit", problems["laocheng"].pk)).status_code
    expected = 403 if username not in CHANGERS else 200 if username in SEES["laocheng"] else 404
    assert edit == expected


@pytest.mark.parametrize("username", USERS)
def test_the_officers_page_follows_the_scope(
    problems: dict[str, Problem], client_as: Any, username: str
) -> None:
    officer = Account.objects.get(user__username="fuwuguan").person
    status = client_as(username).get(f"/enterprise/service/officers/{officer.pk}/").status_code
    assert status == (403 if username not in VIEWERS else 200 if username in SEES["laocheng"] else 404)


def test_the_chief_service_officer_holds_the_rights_the_brief_gives(users: dict[str, Any]) -> None:
    officer = users["fuwuguan"]
    assert officer.has_perm("enterprise.add_problem") and officer.has_perm("enterprise.add_visit")
    assert officer.has_perm("enterprise.add_followup") and officer.has_perm("cases.change_case")
    assert not officer.has_perm("enterprise.delete_problem") and not officer.has_perm("cases.verify_case")
    assert not officer.has_perm("enterprise.change_timelimit") and not officer.has_perm("dust.view_site")
    assert not users["laocheng"].has_perm("enterprise.change_timelimit") and users["admin"].has_perm(
        "enterprise.change_timelimit"
    )
