"""Rows the alliance and 四议两公开 tests build (part D), on the test divisions of factories.py."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from heluo.party.models import (
    Alliance,
    AllianceMember,
    JointActivity,
    ListCategory,
    MemberUnitKind,
    Need,
    OrganisationField,
    OrganisationKind,
    PartyOrganisation,
    Resource,
    VillageMatter,
)

from .factories import XIGUAN, division, organisation

_serial = itertools.count(1)


def alliance(code: str = XIGUAN, lead: PartyOrganisation | None = None, **fields: Any) -> Alliance:
    """An alliance led by `lead`, else by a new 党工委 in the division `code`."""
    fields.setdefault("name", f"测试党建联盟{next(_serial)}")
    lead = lead or organisation(code, kind=OrganisationKind.WORKING_COMMITTEE)
    return Alliance.objects.create(organisation=lead, **fields)


def unit(of: Alliance, **fields: Any) -> AllianceMember:
    fields.setdefault("name", f"测试成员单位{next(_serial)}")
    fields.setdefault("kind", MemberUnitKind.ORGAN)
    fields.setdefault("joined_on", dt.date(2025, 1, 1))
    return AllianceMember.objects.create(alliance=of, **fields)


def resource(of: Alliance, code: str = XIGUAN, **fields: Any) -> Resource:
    fields.setdefault("member", unit(of))
    fields.setdefault("title", f"测试资源{next(_serial)}")
    fields.setdefault("category", ListCategory.MEDICAL)
    fields.setdefault("capacity", 20)
    return Resource.objects.create(alliance=of, division=division(code), **fields)


def need(of: Alliance, code: str = XIGUAN, **fields: Any) -> Need:
    fields.setdefault("raised_by", "社区居民")
    fields.setdefault("title", f"测试需求{next(_serial)}")
    fields.setdefault("category", ListCategory.MEDICAL)
    fields.setdefault("size", 10)
    return Need.objects.create(alliance=of, division=division(code), **fields)


def activity(of: Alliance, **fields: Any) -> JointActivity:
    fields.setdefault("title", f"测试联建活动{next(_serial)}")
    fields.setdefault("kind", "training")
    fields.setdefault("held_on", dt.date(2026, 5, 4))
    fields.setdefault("hours", Decimal("3"))
    return JointActivity.objects.create(alliance=of, **fields)


def village_branch(code: str = XIGUAN, **fields: Any) -> PartyOrganisation:
    return organisation(code, kind=OrganisationKind.BRANCH, field=OrganisationField.RURAL, **fields)


def matter(of: PartyOrganisation | None = None, code: str = XIGUAN, **fields: Any) -> VillageMatter:
    fields.setdefault("title", f"测试村级重大事项{next(_serial)}")
    return VillageMatter.objects.create(organisation=of or village_branch(code), **fields)
