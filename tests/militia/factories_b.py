"""Rows for part B's tests (the reorganisation): departments, units and members made directly, the
reorganisation and its targets, and the accounts that act on them — a city-level militia officer beside
the demo's 瀍河 one (wuzhuang), and a militia reader who may view but not change."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission

from heluo.core.models import Role
from heluo.core.services.accounts import create_account, system_operator
from heluo.militia.models import (
    ArmedForcesDepartment,
    MemberClass,
    MilitiaMember,
    MilitiaUnit,
    Reorganisation,
    ReorganisationTarget,
)

from .factories import category, division

CITY = "410300000000"
CHANHE = "410304000000"  # 瀍河回族区: wuzhuang's
YICHUAN = "410329000000"  # 伊川县: outside wuzhuang's scope
CITY_OFFICER = "militia_test_city"
READER = "militia_test_reader"
DAY = dt.date(2026, 3, 1)

_serial = itertools.count(1)


@pytest.fixture
def militia_accounts(db: Any) -> None:
    """The city's militia officer and a militia reader (a role as a city keeps it: militia.view_*)."""
    create_account(
        system_operator(), username=CITY_OFFICER, display_name="洛阳军分区（测试）",
        roles=[Role.objects.get(code="militia_officer")], home_division=division(CITY), password="x" * 12,
        is_demo=True,
    )  # fmt: skip
    group = Group.objects.create(name="heluo:militia_test_reader")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=("core", "militia"), codename__startswith="view_"
        )
    )
    role = Role.objects.create(code="militia_test_reader", name="民兵查阅（测试）", modules=["core", "militia"],
                               group=group)  # fmt: skip
    create_account(
        system_operator(), username=READER, display_name="民兵查阅（测试）", roles=[role],
        home_division=division(CITY), password="x" * 12, is_demo=True,
    )  # fmt: skip


def user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def department(code: str) -> ArmedForcesDepartment:
    place = division(code)
    found, _created = ArmedForcesDepartment.objects.get_or_create(
        name=f"{place.name}人民武装部（测试）", defaults={"kind": "county", "division": place}
    )
    return found


def unit(code: str, category_code: str = "emergency", *, name: str = "", primary: bool = True,
         target_strength: int = 0) -> MilitiaUnit:  # fmt: skip
    return MilitiaUnit.objects.create(
        name=name or f"测试分队{next(_serial)}", department=department(code), division=division(code),
        level="platoon", category=category(category_code), is_primary=primary, target_strength=target_strength,
    )  # fmt: skip


def member(in_unit: MilitiaUnit | None, *, age: int = 24, on: dt.date = DAY, joined_on: dt.date | None = None,
           left_on: dt.date | None = None, member_class: str = MemberClass.PRIMARY, division_code: str = "",
           **extra: Any) -> MilitiaMember:  # fmt: skip
    """A member `age` years old on `on` (born that day `age` years before)."""
    n = next(_serial)
    return MilitiaMember.objects.create(
        name=f"测试民兵{n}", birth_date=on.replace(year=on.year - age), member_class=member_class, unit=in_unit,
        division=in_unit.division if in_unit else division(division_code),
        joined_on=joined_on or dt.date(2024, 1, 1), left_on=left_on, left_reason="moved" if left_on else "",
        **extra,
    )  # fmt: skip


def members(in_unit: MilitiaUnit, n: int, **extra: Any) -> list[MilitiaMember]:
    return [member(in_unit, **extra) for _ in range(n)]


def reorganisation(code: str = CITY, *, year: int = 2026, day: dt.date = DAY, required: str = "20",
                   **extra: Any) -> Reorganisation:  # fmt: skip
    return Reorganisation.objects.create(
        name=f"{year}年民兵整组（测试{next(_serial)}）", year=year, division=division(code), reference_date=day,
        required_new_type_share=Decimal(required), **extra,
    )  # fmt: skip


def target(reorg: Reorganisation, code: str, count: int, category_code: str | None = None,
           member_class: str = MemberClass.PRIMARY) -> ReorganisationTarget:  # fmt: skip
    return ReorganisationTarget.objects.create(
        reorganisation=reorg, division=division(code), member_class=member_class,
        category=category(category_code) if category_code else None, target_count=count,
    )  # fmt: skip


@pytest.fixture
def militia_users(db: Any, militia_accounts: None) -> dict[str, Any]:
    """The demo accounts' users by user name, with the militia test accounts."""
    from django.contrib.auth import get_user_model

    return {user.username: user for user in get_user_model().objects.filter(account__is_demo=True)}


@pytest.fixture
def users(militia_users: dict[str, Any]) -> dict[str, Any]:
    """tests/conftest's `users` with the militia test accounts, for the generic ledger checks."""
    return militia_users


def muster(reorg: Reorganisation, in_unit: MilitiaUnit, *, held_on: dt.date = dt.date(2026, 3, 15)) -> Any:
    from heluo.militia.models import Muster

    return Muster.objects.create(reorganisation=reorg, unit=in_unit, held_on=held_on, place="民兵训练场")
