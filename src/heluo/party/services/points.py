"""The points ledger's acts (党员积分). Other parts feed it through sources:

    register_points_source("party.Meeting", provider)   # provider(meeting) -> [Award(member_id, rule_code, qty)]
    refresh_points(meeting)                              # after every save of the meeting: idempotent

An entry of a source is replaced whenever the source's awards change, so the ledger always equals what its
sources say (`ledger_matches_sources`). Manual entries (bonus, deduction, volunteer tasks) carry their
reason and approver; base points are granted once a year per member (`grant_base_points`). A closed year
(`close_year`) refuses new or changed entries of its members. Totals apply the scheme's caps
(heluo.party.rules.points).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from ..defaults import seeder
from ..models import Member, PartyOrganisation, PointsEntry, PointsRule, PointsYear
from ..rules import points as rules

__all__ = [
    "DEFAULT_SCHEME",
    "Award",
    "RankedMember",
    "add_manual_points",
    "close_year",
    "closed_for",
    "grant_base_points",
    "ledger_matches_sources",
    "ledger_totals",
    "rankings",
    "recompute",
    "refresh_points",
    "register_points_source",
]

BASE_RULE = "base"

# The common scheme Heluo ships (there is no national standard): (code, name, category, points per unit,
# unit, yearly cap). Seeded when missing; a city edits or adds rules on the points rules page.
DEFAULT_SCHEME: tuple[tuple[str, str, str, str, str, str | None], ...] = (
    (BASE_RULE, "基础分", rules.BASE, "20", rules.EACH, None),
    ("meeting_attended", "参加组织生活（每次）", rules.TASK, "2", rules.EACH, None),
    ("study_hour", "学习教育（每小时）", rules.TASK, "1", rules.HOUR, None),
    ("activity_hour", "党建活动、志愿服务（每小时）", rules.TASK, "1", rules.HOUR, "30"),
    ("volunteer_task", "完成支部交办任务（每项）", rules.TASK, "3", rules.EACH, None),
    ("bonus", "表彰奖励", rules.BONUS, "1", rules.EACH, "10"),
    ("deduction", "违规违纪扣分", rules.DEDUCTION, "1", rules.EACH, None),
)


@seeder
def seed_points_scheme() -> None:
    for code, name, category, per_unit, unit, cap in DEFAULT_SCHEME:
        PointsRule.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "points_per_unit": Decimal(per_unit),
                "unit": unit,
                "yearly_cap": Decimal(cap) if cap is not None else None,
            },
        )


class Award(NamedTuple):
    """What a source gives one member: `quantity` units of the rule `rule_code`."""

    member_id: int
    rule_code: str
    quantity: Decimal


Provider = Callable[[models.Model], list[Award]]
YearOf = Callable[[models.Model], int]


@dataclass(frozen=True)
class Source:
    provider: Provider
    year_of: YearOf | None


SOURCES: dict[str, Source] = {}

# Date fields a source's year is read from, in this order, when it registers no `year_of`.
DATE_FIELDS = ("held_on", "date", "happened_on", "started_on", "start", "on", "created_at")


def register_points_source(model_label: str, provider: Provider, *, year_of: YearOf | None = None) -> None:
    """Declare the rows of `model_label` ("party.Meeting") a source of points: `provider(row)` lists the
    awards of the row. The entries' year is `year_of(row)`, else the year of the row's first date field
    among DATE_FIELDS. Call it in the app's ready() (or at import of a module ready() imports)."""
    SOURCES[model_label.lower()] = Source(provider, year_of)


def source_year(source: models.Model) -> int:
    registered = SOURCES.get(source._meta.label_lower)
    if registered and registered.year_of:
        return registered.year_of(source)
    for name in DATE_FIELDS:
        value = getattr(source, name, None)
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).year if timezone.is_aware(value) else value.year
        if isinstance(value, dt.date):
            return value.year
    return timezone.localdate().year


def _as(row: models.Model, user: Any) -> None:
    """Record `user` as the author of the row's next history entry."""
    row._history_user = user  # type: ignore[attr-defined]


def closed_for(member: Member, year: int) -> PointsYear | None:
    """The close that holds the member's year: of their organisation or of one above it."""
    path = member.organisation.path
    prefixes = [path[: end + 1] for end, char in enumerate(path) if char == "/"]
    return PointsYear.objects.filter(year=year, organisation__path__in=prefixes).first()


def refuse_closed(member: Member, year: int) -> None:
    closed = closed_for(member, year)
    if closed is not None:
        raise ValidationError(
            f"{closed.organisation}的 {year} 年积分已于 {closed.closed_on:%Y-%m-%d} 结算，不能再新增或修改积分。"
        )


def scheme() -> dict[str, rules.Rule]:
    return {rule.code: rule.as_rule() for rule in PointsRule.objects.all()}


def _rule(code: str) -> PointsRule:
    try:
        return PointsRule.objects.get(code=code)
    except PointsRule.DoesNotExist:
        raise ValidationError(f"积分规则“{code}”不在积分方案中。") from None


def _awards(source: models.Model) -> list[Award]:
    registered = SOURCES.get(source._meta.label_lower)
    if registered is None:
        raise ValueError(f"{source._meta.label} is not a registered points source")
    return [Award(a.member_id, a.rule_code, Decimal(a.quantity)) for a in registered.provider(source)]


def _key(member_id: int, rule_code: str, quantity: Decimal) -> tuple[int, str, Decimal]:
    return (member_id, rule_code, Decimal(quantity).quantize(rules.CENT))


def _source_entries(source: models.Model) -> models.QuerySet[PointsEntry]:
    content_type = ContentType.objects.get_for_model(source)
    return PointsEntry.objects.filter(content_type=content_type, object_id=source.pk)


@transaction.atomic
def refresh_points(source: models.Model, by: Any = None) -> None:
    """Replace the entries of `source` by what its provider awards now. Idempotent: nothing is written when
    the awards are what the ledger holds. Refused (ValidationError) when a member's year is closed and
    their entries would change; unknown rule codes are refused too."""
    year = source_year(source)
    wanted = Counter(_key(*award) for award in _awards(source) if award.quantity > 0)
    current = list(_source_entries(source))
    rows = list(_source_entries(source).values_list("member_id", "rule__code", "quantity", "year"))
    held = Counter(_key(member_id, code, quantity) for member_id, code, quantity, _year in rows)
    if held == wanted and all(row_year == year for *_row, row_year in rows):
        return
    touched = {(key[0], year) for key in wanted + held} | {(row[0], row[3]) for row in rows}
    members = Member.objects.select_related("organisation").in_bulk({member_id for member_id, _y in touched})
    for member_id, touched_year in sorted(touched):
        refuse_closed(members[member_id], touched_year)
    for entry in current:
        _as(entry, by)
        entry.delete()
    content_type = ContentType.objects.get_for_model(source)
    for (member_id, code, quantity), count in sorted(wanted.items()):
        rule = _rule(code)
        for _ in range(count):
            entry = PointsEntry(
                member_id=member_id, year=year, rule=rule, quantity=quantity,
                points=rules.fact_points(rule.as_rule(), quantity), content_type=content_type,
                object_id=source.pk, recorded_by=by,
            )  # fmt: skip
            _as(entry, by)
            entry.save()


def check_manual(
    member: Member, year: int, rule: PointsRule, points: Decimal, reason: str, approved_by: str
) -> None:
    """Why a manual entry is refused (ValidationError with a clear message), or nothing."""
    if rule.category == rules.BASE:
        raise ValidationError("基础分每年按积分方案统一计入，不能手工录入。")
    if not reason.strip():
        raise ValidationError("手工录入的积分必须写明事由。")
    if not approved_by.strip():
        raise ValidationError("手工录入的积分必须写明审批人。")
    if points <= 0:
        raise ValidationError("分值请填正数；扣减分按类别扣除。")
    refuse_closed(member, year)


@transaction.atomic
def add_manual_points(
    member: Member,
    rule_code: str,
    points: Decimal | None,
    reason: str,
    approved_by: str,
    by: Any,
    *,
    year: int | None = None,
) -> PointsEntry:
    """A manual entry (bonus, deduction, a task the branch assigned) for the member's year (default this
    year), with its reason and approver; `points` None: the rule's points for one unit. Refused with a
    ValidationError for base points, without reason or approver, or in a closed year."""
    rule = _rule(rule_code)
    year = year or timezone.localdate().year
    value = rules.round_points(Decimal(points) if points is not None else rule.points_per_unit)
    check_manual(member, year, rule, value, reason, approved_by)
    entry = PointsEntry(
        member=member, year=year, rule=rule, quantity=Decimal("1"), points=value, reason=reason.strip(),
        approved_by=approved_by.strip(), recorded_by=by,
    )  # fmt: skip
    _as(entry, by)
    entry.save()
    return entry


def members_of(organisation: PartyOrganisation, year: int) -> models.QuerySet[Member]:
    """Members on the roll of the organisation or one below it at some time in the year."""
    return (
        Member.objects.filter(organisation__path__startswith=organisation.path)
        .filter(joined_on__lte=dt.date(year, 12, 31))
        .exclude(left_on__lt=dt.date(year, 1, 1))
    )


def _base_source(member: Member) -> tuple[ContentType, int]:
    return ContentType.objects.get_for_model(Member), member.pk


@transaction.atomic
def grant_base_points(organisation: PartyOrganisation, year: int, by: Any = None) -> int:
    """Grant the scheme's base points of `year` once to every member of the organisation's subtree who
    has none (the entry's source is the member's record). Idempotent; returns how many were granted."""
    rule = _rule(BASE_RULE)
    content_type = ContentType.objects.get_for_model(Member)
    have = set(
        PointsEntry.objects.filter(year=year, rule=rule, content_type=content_type).values_list(
            "member_id", flat=True
        )
    )
    granted = 0
    for member in members_of(organisation, year).exclude(pk__in=have).select_related("organisation"):
        refuse_closed(member, year)
        entry = PointsEntry(
            member=member, year=year, rule=rule, quantity=Decimal("1"), points=rule.points_per_unit,
            content_type=content_type, object_id=member.pk, reason="年度基础分", recorded_by=by,
        )  # fmt: skip
        _as(entry, by)
        entry.save()
        granted += 1
    return granted


def _facts(entries: Iterable[PointsEntry]) -> list[rules.Fact]:
    return [rules.Fact(e.rule.code, e.quantity, e.points) for e in entries]


def totals_dict(totals: rules.Totals) -> dict[str, Any]:
    return {"by_rule": totals.by_rule, "by_category": totals.by_category, "total": totals.total}


def year_entries(member: Member, year: int) -> models.QuerySet[PointsEntry]:
    return PointsEntry.objects.filter(member=member, year=year).select_related("rule", "content_type")


def ledger_totals(member: Member, year: int) -> dict[str, Any]:
    """The member's year as the ledger holds it (caps applied)."""
    return totals_dict(rules.year_totals(scheme(), _facts(year_entries(member, year))))


def _expected_facts(member: Member, year: int) -> Counter[tuple[str, Decimal, Decimal]]:
    """The member's entries of the year as their sources give them now: the awards of every source the
    ledger refers to, manual entries as recorded, base points once when the member was on a roll."""
    expected: Counter[tuple[str, Decimal, Decimal]] = Counter()
    member_type = ContentType.objects.get_for_model(Member)
    current = scheme()
    sources: set[tuple[int, int]] = set()
    for entry in year_entries(member, year):
        if entry.is_manual:
            expected[(entry.rule.code, entry.quantity, entry.points)] += 1
        elif entry.content_type != member_type:
            sources.add((entry.content_type.pk, entry.object_id or 0))
    for content_type_id, object_id in sources:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        source = model._default_manager.filter(pk=object_id).first() if model else None
        if source is None or source_year(source) != year:
            continue
        for award in _awards(source):
            if award.member_id == member.pk and award.quantity > 0:
                quantity = award.quantity.quantize(rules.CENT)
                points = rules.fact_points(current[award.rule_code], quantity)
                expected[(award.rule_code, quantity, points)] += 1
    on_roll = members_of(member.organisation, year).filter(pk=member.pk).exists()
    if on_roll and BASE_RULE in current:
        base = current[BASE_RULE]
        expected[(BASE_RULE, Decimal("1.00"), rules.round_points(base.points_per_unit))] += 1
    return expected


def recompute(member: Member, year: int) -> dict[str, Any]:
    """The member's year recomputed from the sources (not from the stored entries' points)."""
    facts = [rules.Fact(code, quantity, points) for (code, quantity, points), n in _expected_facts(member, year).items()
             for _ in range(n)]  # fmt: skip
    return totals_dict(rules.year_totals(scheme(), facts))


def ledger_matches_sources(member: Member, year: int) -> bool:
    """Whether the ledger's entries of the member's year are exactly what their sources give now."""
    held: Counter[tuple[str, Decimal, Decimal]] = Counter(
        (e.rule.code, e.quantity.quantize(rules.CENT), e.points.quantize(rules.CENT))
        for e in year_entries(member, year)
    )
    return held == _expected_facts(member, year) and ledger_totals(member, year) == recompute(member, year)


@dataclass(frozen=True)
class RankedMember:
    rank: int
    member: Member
    total: Decimal
    by_category: dict[str, Decimal]


def rankings(organisation: PartyOrganisation, year: int) -> list[RankedMember]:
    """The members of the organisation and every organisation below it (a branch, or a community's whole
    subtree) ranked by their year's total, caps applied; ties share a rank (1, 1, 3)."""
    members = {
        m.pk: m for m in members_of(organisation, year).select_related("organisation").order_by("name", "pk")
    }
    facts: dict[int, list[rules.Fact]] = defaultdict(list)
    entries = PointsEntry.objects.filter(year=year, member_id__in=members).select_related("rule")
    for entry in entries:
        facts[entry.member_id].append(rules.Fact(entry.rule.code, entry.quantity, entry.points))
    current = scheme()
    totals = {pk: rules.year_totals(current, facts[pk]) for pk in members}
    ranked = rules.rank({pk: t.total for pk, t in totals.items()})
    return [RankedMember(r.rank, members[r.key], r.points, totals[r.key].by_category) for r in ranked]


@transaction.atomic
def close_year(
    organisation: PartyOrganisation, year: int, by: Any, *, on: dt.date | None = None
) -> PointsYear:
    """Close the organisation's points year (its subtree's entries of the year are frozen). Refused when
    that year is closed already (here or above) or has not begun."""
    day = on or timezone.localdate()
    if year > day.year:
        raise ValidationError(f"{year} 年尚未开始，不能结算。")
    path = organisation.path
    prefixes = [path[: end + 1] for end, char in enumerate(path) if char == "/"]
    if PointsYear.objects.filter(year=year, organisation__path__in=prefixes).exists():
        raise ValidationError(f"{organisation}的 {year} 年积分已经结算。")
    closed = PointsYear(organisation=organisation, year=year, closed_on=day, closed_by=by)
    _as(closed, by)
    closed.save()
    return closed
