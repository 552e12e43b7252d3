"""Rows the party tests build: organisations, members and posts on the test divisions (no demo data).
Other parts add theirs in factories_<part>.py."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from heluo.core.models import Division, Person
from heluo.party.models import (
    Member,
    MemberStatus,
    OrganisationField,
    OrganisationKind,
    PartyOrganisation,
    Post,
    PostKind,
)

LAOCHENG = "410302000000"  # 老城区 (the actor laocheng's district)
XIGUAN = "410302001000"  # 西关街道, 老城区
LUOLONG = "410311000000"  # 洛龙区 (outside it)
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区
_serial = itertools.count(1)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def organisation(
    code: str = XIGUAN,
    kind: str = OrganisationKind.BRANCH,
    field: str = OrganisationField.COMMUNITY,
    **fields: Any,
) -> PartyOrganisation:
    """An organisation in the division `code`; `parent=` places it in the tree."""
    fields.setdefault("name", f"测试党组织{next(_serial)}")
    return PartyOrganisation.objects.create(division=division(code), kind=kind, field=field, **fields)


def member(of: PartyOrganisation, status: str = MemberStatus.FULL, **fields: Any) -> Member:
    """A member on the roll of `of`: full (joined 2015, confirmed 2016) unless `status` says probationary."""
    fields.setdefault("name", f"测试党员{next(_serial)}")
    fields.setdefault("joined_on", dt.date(2015, 7, 1))
    if status == MemberStatus.FULL:
        fields.setdefault("confirmed_on", dt.date(2016, 7, 1))
    return Member.objects.create(organisation=of, status=status, **fields)


def members(of: PartyOrganisation, count: int, **fields: Any) -> list[Member]:
    return [member(of, **fields) for _ in range(count)]


def person(code: str = XIGUAN, **fields: Any) -> Person:
    fields.setdefault("name", f"测试人员{next(_serial)}")
    return Person.objects.create(division=division(code), **fields)


def post(
    at: PartyOrganisation,
    who: Member | None = None,
    kind: str = PostKind.SECRETARY,
    start: dt.date = dt.date(2020, 1, 1),
    **fields: Any,
) -> Post:
    """A post held in `at` from `start` (open-ended unless `end=`), by `who` or a new member of `at`."""
    return Post.objects.create(organisation=at, member=who or member(at), kind=kind, start=start, **fields)
