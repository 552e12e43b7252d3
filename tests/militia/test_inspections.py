"""A finding opens ONE supervision case naming its department (never a person); the case's closing marks
the finding rectified, its reopening clears that; `visits_of` lists the places of a reorganisation's
inspections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from heluo.cases.models import Case, State
from heluo.militia.forms_c import FindingForm
from heluo.militia.ledgers_inspections import finding as finding_ledger
from heluo.militia.models import Finding, Reorganisation
from heluo.militia.services.inspections import SOURCE_KIND, finding_case_changed, visits_of

from .factories_c import CHANHE, department, division, inspection, member, unit, visit


def _save(user: Any, data: dict[str, Any], instance: Finding | None = None) -> Finding:
    form = FindingForm(data, instance=instance, user=user)
    assert form.is_valid(), form.errors
    return finding_ledger.save(form, user)  # type: ignore[return-value]


def test_a_finding_opens_one_case_naming_the_department_and_never_a_person(users: dict[str, Any]) -> None:
    responsible = department(name="测试区人民武装部")
    squad = unit(of=responsible)
    soldier = member(squad, name="赵某某")
    team = inspection()
    data = {
        "inspection": team.pk,
        "text": "应急连训练时间不足",
        "department": responsible.pk,
        "deadline_days": 10,
    }
    found = _save(users["wuzhuang"], data)
    case = Case.objects.get(source_kind=SOURCE_KIND)
    assert found.case == case
    assert case.title == "测试区人民武装部：整改检查调研发现的问题"
    assert "应急连训练时间不足" in case.description
    assert soldier.name not in case.title + case.description
    assert case.division == responsible.division
    _save(
        users["wuzhuang"],
        {**data, "text": "应急连训练时间不足（补记）"},
        instance=Finding.objects.get(pk=found.pk),
    )
    assert Case.objects.filter(source_kind=SOURCE_KIND).count() == 1


def test_once_its_case_is_open_the_case_owns_the_findings_deadline_and_department(
    users: dict[str, Any],
) -> None:
    data = {
        "inspection": inspection().pk,
        "text": "台账不全",
        "department": department().pk,
        "deadline_days": 5,
    }
    found = _save(users["wuzhuang"], data)
    for change in ({"deadline_days": 12}, {"department": department(name="另一人民武装部").pk}):
        form = FindingForm(
            {**data, **change}, instance=Finding.objects.get(pk=found.pk), user=users["wuzhuang"]
        )
        assert not form.is_valid()
        assert "督办事项已立案" in str(form.errors[next(iter(change))])


def test_closing_the_case_marks_the_finding_rectified_and_reopening_clears_it(users: dict[str, Any]) -> None:
    found = _save(
        users["wuzhuang"],
        {
            "inspection": inspection().pk,
            "text": "台账不全",
            "department": department().pk,
            "deadline_days": 5,
        },
    )
    case = Case.objects.get(pk=found.case_id)
    case.state, case.closed_at = State.CLOSED, timezone.make_aware(dt.datetime(2026, 3, 2, 10))
    finding_case_changed(case)
    assert Finding.objects.get(pk=found.pk).rectified_on == dt.date(2026, 3, 2)
    case.state, case.closed_at = State.IN_PROGRESS, None
    finding_case_changed(case)
    assert Finding.objects.get(pk=found.pk).rectified_on is None


def test_visits_of_lists_the_places_of_the_reorganisations_inspections_in_order(db: Any) -> None:
    reorganisation = Reorganisation.objects.create(
        name="测试整组", year=2031, division=division(CHANHE), reference_date=dt.date(2031, 3, 1)
    )
    team = inspection(
        reorganisation=reorganisation, started_on=dt.date(2031, 2, 10), ended_on=dt.date(2031, 2, 13)
    )
    visit(team, place="乙地", visited_on=dt.date(2031, 2, 12))
    visit(team, department=department(name="甲人民武装部"), place="", visited_on=dt.date(2031, 2, 10))
    visit(inspection(), place="别的检查")
    assert [v.place_name for v in visits_of(reorganisation)] == ["甲人民武装部", "乙地"]


def test_a_visit_outside_the_inspections_days_is_refused(db: Any) -> None:
    from django.core.exceptions import ValidationError

    team = inspection()
    with pytest.raises(ValidationError) as refused:
        visit(team, visited_on=dt.date(2026, 2, 20)).full_clean()
    assert "检查调研期间" in str(refused.value)
