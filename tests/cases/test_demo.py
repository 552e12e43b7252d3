"""The supervision demo: a few hundred cases in every state, some overdue and escalated; idempotent."""

from __future__ import annotations

from typing import Any

from heluo.cases.demo import CASES, load_demo
from heluo.cases.models import Case, CaseEvent, Escalation, EventKind, State
from heluo.core.services.accounts import system_operator


def test_the_demo_has_every_state_some_escalations_and_loads_once(db: Any) -> None:
    created = load_demo(system_operator())
    demo = Case.objects.filter(is_demo=True)
    assert created["supervised cases"] == CASES == demo.count()
    assert set(demo.values_list("state", flat=True)) == set(State.values)
    assert demo.filter(escalation=Escalation.SUPERIOR).exists() and demo.filter(extended=True).exists()
    assert CaseEvent.objects.filter(case__is_demo=True, kind=EventKind.RETURNED).exists()
    assert (
        sum(1 for case in demo.filter(state__in=[State.ASSIGNED, State.IN_PROGRESS]) if case.is_overdue) > 0
    )
    assert load_demo(system_operator()) == {}
    assert Case.objects.filter(is_demo=True).count() == CASES
