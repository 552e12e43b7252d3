"""The supervision demo: a few hundred cases in every state, some overdue and escalated; idempotent."""

from __future__ import annotations

from typing import Any

from heluo.cases.demo import CASES, load_demo
from heluo.cases.models import Case, CaseEvent, Escalation, EventKind, State
from heluo.core.models import Notification
from heluo.core.services.accounts import system_operator


def test_the_demo_has_every_state_some_escalations_and_loads_once(db: Any) -> None:
    created = load_demo(system_operator())
    demo = Case.objects.filter(is_demo=True)
    assert created[str(Case._meta.verbose_name_plural)] == CASES == demo.count()
    assert set(demo.values_list("state", flat=True)) == set(State.values)
    assert demo.filter(escalation=Escalation.SUPERIOR).exists() and demo.filter(extended=True).exists()
    assert CaseEvent.objects.filter(case__is_demo=True, kind=EventKind.RETURNED).exists()
    assert (
        sum(1 for case in demo.filter(state__in=[State.ASSIGNED, State.IN_PROGRESS]) if case.is_overdue) > 0
    )
    # The inbox is what still needs someone: nothing unread about a closed or cancelled case.
    finished = demo.filter(state__in=[State.CLOSED, State.CANCELLED])
    links = [case.get_absolute_url() for case in finished]
    assert not Notification.objects.filter(link__in=links, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient__username="duban", read_at__isnull=True).exists()
    assert load_demo(system_operator()) == {}
    assert Case.objects.filter(is_demo=True).count() == CASES
