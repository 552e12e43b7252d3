"""The supervision scan: reminders, overdue notices and the escalation chain; idempotent, catching up
after an outage, and safe against another scan running at the same time."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from heluo.cases.deadlines import Progress
from heluo.cases.models import Case, CaseEvent, Escalation, EventKind
from heluo.cases.services import scan as scanning
from heluo.cases.services import transitions as act
from heluo.cases.services.registration import Registration, register_case
from heluo.cases.services.scan import scan
from heluo.core.models import Notification, Unit
from heluo.core.services.notifications import mark_read

from .conftest import local

ASSIGNED = local("2026-11-02 10:00")  # Monday; five working days → due Monday 9 November, 24:00
DUE = local("2026-11-10 00:00")
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def kinds(case: Case) -> list[str]:
    return list(case.events.filter(actor=None).values_list("kind", flat=True))


def messages(user: Any, event: str) -> int:
    return Notification.objects.filter(recipient=user, event=event).count()


@pytest.fixture
def case(make_case: Any) -> Case:
    made = make_case("in_progress", at=ASSIGNED, days=5)
    assert made.due_at == DUE
    return made


def test_a_reminder_goes_to_the_handler_three_days_and_one_day_before(
    case: Case, users: dict[str, Any]
) -> None:
    report = scan(DUE - 3 * DAY + HOUR)
    assert report.acts["remind"] == 1 and kinds(case) == [EventKind.REMINDED]
    assert messages(users["wangge"], "cases.remind") == 1
    scan(DUE - DAY + HOUR)
    assert kinds(case) == [EventKind.REMINDED, EventKind.REMINDED]
    assert Case.objects.get(pk=case.pk).reminded_days_before == 1


def test_the_escalation_chain_overdue_then_unit_leader_then_superior_division(
    case: Case, users: dict[str, Any]
) -> None:
    scan(DUE + HOUR)
    case.refresh_from_db()
    assert case.escalation == Escalation.OVERDUE and case.is_overdue
    assert messages(users["wangge"], "cases.overdue") == 1 and messages(users["duban"], "cases.overdue") == 1
    scan(DUE + DAY + HOUR)
    assert Case.objects.get(pk=case.pk).escalation == Escalation.UNIT_LEADER
    assert messages(users["dingdingmen"], "cases.leader") == 1  # 定鼎门社区's leader
    scan(DUE + 3 * DAY + HOUR)
    case.refresh_from_db()
    assert case.escalation == Escalation.SUPERIOR and case.next_action_at is None
    # 定鼎门社区 → 开元路街道 has no staff account → 洛龙区's staff.
    assert messages(users["luolong"], "cases.superior") == 1
    assert kinds(case) == ["overdue", "escalated", "escalated"]
    assert case.history.filter(history_change_reason__isnull=False).count() >= 3


def test_running_the_scan_twice_sends_nothing_twice(case: Case, users: dict[str, Any]) -> None:
    first = scan(DUE + DAY + HOUR)
    events, inbox = CaseEvent.objects.count(), Notification.objects.count()
    second = scan(DUE + DAY + HOUR)
    assert first.cases == 1 and second.cases == 0 and second.messages == 0
    assert (CaseEvent.objects.count(), Notification.objects.count()) == (events, inbox)


def test_after_a_three_day_outage_the_scan_catches_up_once(case: Case, users: dict[str, Any]) -> None:
    report = scan(DUE + 3 * DAY + HOUR)
    assert kinds(case) == ["overdue", "escalated", "escalated"]  # no stale "due in 3 days"
    assert report.acts == {"overdue": 1, "leader": 1, "superior": 1}
    assert messages(users["wangge"], "cases.remind") == 0
    assert scan(DUE + 3 * DAY + 2 * HOUR).cases == 0


def test_a_reply_submitted_in_time_stops_the_clock_for_the_unit(case: Case, users: dict[str, Any]) -> None:
    act.reply_case(users["wangge"], case, note="已整改", at=DUE - DAY)
    assert scan(DUE + 3 * DAY).cases == 0
    assert Case.objects.get(pk=case.pk).escalation == Escalation.NONE


def test_suspended_closed_and_cancelled_cases_are_not_scanned(make_case: Any) -> None:
    quiet = [make_case(state, at=ASSIGNED, days=5) for state in ("suspended", "closed", "cancelled")]
    scan(DUE + 5 * DAY)
    assert all(kinds(c) == [] for c in quiet)


def test_a_group_that_lost_its_race_is_refused(case: Case) -> None:
    """The compare-and-set: a group whose rows another scan moved since they were read matches fewer
    rows than it read, and the batch is rolled back (to be read again) instead of acting twice."""
    scan(DUE + HOUR)  # another scan did the overdue step
    stale = (Progress(0, None), Progress(1, None), DAY)
    with pytest.raises(scanning._Contended):
        scanning._move(stale, [case.pk], DUE + 2 * HOUR)
    assert Case.objects.get(pk=case.pk).escalation == Escalation.OVERDUE


def test_a_contended_batch_is_read_again(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    original = scanning._batch
    calls = []

    def once_contended(*args: Any) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise scanning._Contended
        return original(*args)

    monkeypatch.setattr(scanning, "_batch", once_contended)
    report = scan(DUE + HOUR)
    assert report.contended == 1 and report.acts["overdue"] == 1


def test_the_scan_reads_due_cases_through_the_partial_index(db: Any) -> None:
    query = str(scanning.due_cases(DUE).query)
    assert "next_action_at" in query and "ORDER BY" in query
    with connection.cursor() as cursor:
        sql, params = scanning.due_cases(DUE).query.sql_with_params()
        explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        if connection.vendor == "postgresql":
            # A test table is tiny: a sequential scan is cheaper there. Is the index usable at all?
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(explain + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "cases_case_next_action" in plan


def test_many_cases_for_one_person_make_one_message(make_case: Any, users: dict[str, Any]) -> None:
    for number in range(3):
        make_case("in_progress", at=ASSIGNED, days=5, title=f"批量事项{number}")
    report = scan(DUE + HOUR)
    assert report.acts["overdue"] == 3
    digest = Notification.objects.get(recipient=users["wangge"], event="cases.overdue")
    assert "（3）" in digest.title and digest.body.count("\n") == 2


def test_the_command_prints_what_it_did(case: Case) -> None:
    out = io.StringIO()
    call_command("cases", "scan", "--now", "2026-11-10T01:00", stdout=out)
    printed = out.getvalue()
    assert "2026-11-10 01:00:00" in printed and ": 1" in printed


def test_the_periodic_task_runs_the_scan(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils import timezone

    from heluo.cases.tasks import supervision_scan

    monkeypatch.setattr(timezone, "now", lambda: DUE + HOUR)
    result = supervision_scan.call_local()
    assert result["cases"] == 1 and result["overdue"] == 1


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite runs one writer at a time (IMMEDIATE)")
@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_act_on_each_case_once(django_db_blocker: Any) -> None:
    import threading

    from django.contrib.auth import get_user_model
    from django.db import connections

    from heluo.cases.models import CaseCategory
    from heluo.core.models import Division, Unit

    supervisor = get_user_model().objects.get(username="duban")
    unit = Unit.objects.get(name="定鼎门社区居民委员会")
    made = []
    for number in range(60):
        registration = Registration(title=f"并发扫描{number}", category=CaseCategory.objects.first(),
                                        division=Division.objects.get(code="410311002001"))  # fmt: skip
        created = register_case(supervisor, registration, at=ASSIGNED)
        made.append(act.assign_case(supervisor, created, unit=unit, days=5, at=ASSIGNED)[0].pk)
    reports: list[Any] = []

    def worker() -> None:
        try:
            reports.append(scan(DUE + HOUR, batch=7))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    overdue = CaseEvent.objects.filter(case_id__in=made, kind=EventKind.OVERDUE)
    assert overdue.count() == 60 and overdue.values("case_id").distinct().count() == 60
    assert sum(r.acts["overdue"] for r in reports) == 60


def test_a_person_told_twice_about_a_case_finds_it_once_in_the_digest(
    make_case: Any, users: dict[str, Any]
) -> None:
    """duban registered the case and is of its supervising unit: one entry, not two."""
    supervising = Unit.objects.get(name="中共洛阳市委组织部")
    for number in range(2):
        make_case("in_progress", at=ASSIGNED, days=5, title=f"双重身份{number}", supervising_unit=supervising)
    scan(DUE + HOUR)
    digest = Notification.objects.get(recipient=users["duban"], event="cases.overdue")
    links = [entry["link"] for entry in digest.entries]
    assert len(links) == len(set(links)) == 2
    assert digest.title.endswith("（2）") and digest.body.count("\n") == 1


def test_a_new_digest_replaces_the_unread_one_and_keeps_its_cases(
    make_case: Any, users: dict[str, Any]
) -> None:
    first = make_case("in_progress", at=ASSIGNED, days=5, title="先逾期")
    second = make_case("in_progress", at=ASSIGNED, days=6, title="后逾期")
    scan(DUE + HOUR)
    scan(DUE + DAY + HOUR)
    digests = Notification.objects.filter(recipient=users["wangge"], event="cases.overdue")
    assert digests.count() == 1
    assert [e["link"] for e in digests[0].entries] == [second.get_absolute_url(), first.get_absolute_url()]
    assert digests[0].title.endswith("（2）")
    mark_read(users["wangge"])
    third = make_case("in_progress", at=ASSIGNED, days=7, title="再逾期")
    scan(DUE + 2 * DAY + HOUR)
    unread = Notification.objects.get(recipient=users["wangge"], event="cases.overdue", read_at__isnull=True)
    assert [e["link"] for e in unread.entries] == [third.get_absolute_url()]
    assert unread.link == third.get_absolute_url()


def test_acts_on_one_case_leave_one_unread_entry(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("assigned")
    act.accept_case(users["wangge"], case, note="收到")
    case.refresh_from_db()
    act.reply_case(users["wangge"], case, note="已整改")
    unread = Notification.objects.filter(
        recipient=users["duban"], read_at__isnull=True, link=case.get_absolute_url()
    )
    assert [note.event for note in unread] == ["cases.replied"]
