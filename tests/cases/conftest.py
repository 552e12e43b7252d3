"""Factories for supervision tests: cases registered and moved through the services, as in real use.

The demo's people: duban (city supervisor, unit 中共洛阳市委组织部), wangge (grid officer of 开元路街道,
no unit), dingdingmen (leader of 定鼎门社区居民委员会), luolong (洛龙区 staff), laocheng (老城区
administrator), lingdao (read-only leader), beiyao (party secretary of 北窑街道).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from heluo.cases.models import Case, CaseCategory
from heluo.cases.services import transitions as act
from heluo.cases.services.registration import Registration, register_case
from heluo.core.models import Account, Division, Unit

DINGDINGMEN = "410311002001"  # 定鼎门社区, under 开元路街道 (洛龙区)
XIGUAN = "410302001000"  # 西关街道 (老城区)


def local(text: str) -> dt.datetime:
    """An aware moment in Asia/Shanghai from "2026-11-02 09:00"."""
    return timezone.make_aware(dt.datetime.fromisoformat(text))


@pytest.fixture
def people(users: dict[str, Any]) -> dict[str, Any]:
    return users


@pytest.fixture
def community_unit(db: Any) -> Unit:
    return Unit.objects.get(name="定鼎门社区居民委员会")


@pytest.fixture
def officer_account(db: Any) -> Account:
    return Account.objects.get(user__username="wangge")


@pytest.fixture
def make_case(db: Any, users: dict[str, Any], community_unit: Unit, officer_account: Account) -> Any:
    """make_case(state="assigned", at=..., days=5, **registration) → a case brought to that state."""

    def make(state: str = "assigned", *, at: dt.datetime | None = None, days: int | None = 5,
             due_date: dt.date | None = None, division: str = DINGDINGMEN, handler: Account | bool | None = True,
             unit: Unit | None = None, title: str = "测试督办事项", **fields: Any) -> Case:  # fmt: skip
        supervisor = users["duban"]
        at = at or timezone.now() - dt.timedelta(hours=1)
        registration = Registration(
            title=title, category=CaseCategory.objects.get(code="dust"),
            division=Division.objects.get(code=division), **fields,
        )  # fmt: skip
        case = register_case(supervisor, registration, at=at)
        if state == "registered":
            return case
        chosen = officer_account if handler is True else (handler or None)
        case, _warnings = act.assign_case(
            supervisor, case, unit=unit or community_unit, handler=chosen, days=None if due_date else days,
            due_date=due_date, at=at,
        )  # fmt: skip
        worker = chosen.user if chosen else users["dingdingmen"]
        if state == "assigned":
            return case
        if state == "in_progress":
            return act.accept_case(worker, case, at=at)
        case = act.reply_case(worker, case, note="已整改", at=at)
        if state == "replied":
            return case
        if state == "returned":
            return act.return_case(supervisor, case, reason="照片不清", at=at)
        if state == "closed":
            return act.close_case(supervisor, case, at=at)
        if state == "suspended":
            return act.suspend_case(supervisor, act.return_case(supervisor, case, reason="重办", at=at),
                                    reason="等待审批", at=at)  # fmt: skip
        if state == "cancelled":
            return act.cancel_case(supervisor, case, reason="重复登记", at=at)
        raise ValueError(state)

    return make


@pytest.fixture
def base_data_reader(users: dict[str, Any]) -> Any:
    """A user whose only role opens base data, not supervision (every built-in role with a working line
    handles cases)."""
    from django.contrib.auth.models import Group, Permission

    from heluo.core.models import Role
    from heluo.core.services.accounts import create_account, system_operator

    group = Group.objects.create(name="heluo:base_data_reader")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="core", codename__startswith="view_")
    )
    role = Role.objects.create(
        code="base_data_reader", name="基础数据查阅（测试）", modules=["core"], group=group
    )
    account, _password = create_account(
        system_operator(), username="base_data_reader", display_name="基础数据查阅（测试）", roles=[role],
        home_division=Division.objects.get(code="410300000000"), password="x" * 12,
    )  # fmt: skip
    return account.user
