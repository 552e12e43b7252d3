"""The workflow: every transition, every refusal of an illegal or unauthorised one, extensions and
suspensions, numbers, notifications after commit, and nothing changed by a refused act."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext

from heluo.cases.models import Case, CaseCategory, CaseEvent, Escalation, EventKind, HolidayOverride, State
from heluo.cases.services import transitions as act
from heluo.cases.services.numbers import allocate_number
from heluo.cases.services.registration import Registration, register_case
from heluo.cases.services.transitions import TRANSITIONS
from heluo.core.models import Account, Delivery, Division, Notification, Unit
from heluo.core.workflow import TransitionRefused

from .conftest import XIGUAN, local

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def photo(name: str = "现场.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture
def root(db: Any) -> Any:
    return get_user_model().objects.create_superuser("root", "", "x")


def events(case: Case) -> list[str]:
    return list(case.events.values_list("kind", flat=True))


# --- registration and numbers ------------------------------------------------------------------


def test_registration_numbers_the_case_and_opens_its_timeline(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("registered", at=local("2026-11-02 09:00"))
    assert re.fullmatch(r"DB-2026-\d{6}", case.number)
    assert case.state == State.REGISTERED and case.registered_by == users["duban"]
    assert events(case) == [EventKind.REGISTERED]
    assert case.history.first().history_user == users["duban"]


def test_numbers_run_on_within_a_year_and_start_again_in_the_next(db: Any) -> None:
    first = allocate_number(local("2031-03-01 10:00"))
    second = allocate_number(local("2031-12-31 23:59"))
    assert first == "DB-2031-000001" and second == "DB-2031-000002"
    assert allocate_number(local("2032-01-01 00:01")) == "DB-2032-000001"


def test_registration_is_refused_to_a_read_only_leader_and_outside_the_territory(
    users: dict[str, Any],
) -> None:
    registration = Registration(
        title="越界事项", category=CaseCategory.objects.first(), division=Division.objects.get(code=XIGUAN))  # fmt: skip
    with pytest.raises(PermissionDenied):
        register_case(users["lingdao"], registration)
    with pytest.raises(PermissionDenied, match="西关"):
        register_case(users["luolong"], registration)  # 洛龙区 staff, a 老城区 street
    assert not Case.objects.filter(title="越界事项").exists()


def test_another_system_registering_twice_is_refused_the_second_time(users: dict[str, Any]) -> None:
    registration = Registration(
        title="外部系统事项", category=CaseCategory.objects.first(), division=Division.objects.get(code=XIGUAN),
        source_kind="external", source_reference="12345-A",
    )  # fmt: skip
    register_case(users["duban"], registration)
    with pytest.raises(ValidationError):
        register_case(users["duban"], registration)
    assert Case.objects.filter(source_reference="12345-A").count() == 1


def test_a_case_links_back_to_the_row_it_comes_from(users: dict[str, Any]) -> None:
    unit = Unit.objects.get(name="洛阳市城市管理局")
    registration = Registration(title="来源事项", category=CaseCategory.objects.first(),
                                    division=unit.division, source_kind="enterprise_problem")  # fmt: skip
    case = register_case(users["duban"], registration, source=unit)
    assert Case.objects.get(pk=case.pk).source == unit


# --- every transition --------------------------------------------------------------------------


def test_assignment_sets_unit_handler_and_a_working_day_deadline(
    make_case: Any, users: dict[str, Any], community_unit: Unit, officer_account: Account
) -> None:
    case = make_case("assigned", at=local("2026-09-30 10:00"), days=3)
    assert case.state == State.ASSIGNED and case.responsible_unit == community_unit
    assert case.handler == officer_account
    # Three working days after 30 September: 8, 9 and Saturday 10 October (调休).
    assert case.due_date == dt.date(2026, 10, 10) and case.original_due_date == case.due_date
    assert case.due_at == local("2026-10-11 00:00")  # 24:00 of the last day
    assert case.next_action_at == local("2026-10-08 00:00")  # the reminder three days before
    assert Notification.objects.filter(recipient=users["wangge"], event="cases.assigned").exists()


def test_a_deadline_in_an_unknown_year_warns_and_still_counts(make_case: Any, users: dict[str, Any],
                                                             community_unit: Unit) -> None:  # fmt: skip
    case = make_case("registered", at=local("2030-12-30 10:00"))
    case, warnings = act.assign_case(
        users["duban"], case, unit=community_unit, days=2, at=local("2030-12-30 10:00")
    )
    assert case.due_date == dt.date(2031, 1, 1)
    assert len(warnings) == 1 and "2031" in warnings[0]
    assert case.events.get(kind=EventKind.ASSIGNED).data["warnings"] == warnings


def test_the_citys_correction_of_the_calendar_counts(
    make_case: Any, users: dict[str, Any], community_unit: Unit
) -> None:
    # 2031's schedule, entered by the city (a made-up one: 2 January off), makes 2031 a known year.
    HolidayOverride.objects.create(date=dt.date(2031, 1, 2), is_workday=False, name="元旦")
    case = make_case("registered", at=local("2031-01-01 10:00"))
    case, warnings = act.assign_case(
        users["duban"], case, unit=community_unit, days=1, at=local("2031-01-01 10:00")
    )
    assert case.due_date == dt.date(2031, 1, 3) and warnings == []


def test_a_due_date_on_national_day_moves_and_says_why(
    make_case: Any, users: dict[str, Any], community_unit: Unit
) -> None:
    case = make_case("registered", at=local("2026-09-28 10:00"))
    case, warnings = act.assign_case(users["duban"], case, unit=community_unit, due_date=dt.date(2026, 10, 3),
                                     at=local("2026-09-28 10:00"))  # fmt: skip
    assert case.due_date == dt.date(2026, 10, 8)
    assert any("2026-10-03" in warning and "2026-10-08" in warning for warning in warnings)


def test_the_handler_accepts_replies_with_a_photo_and_the_supervisor_closes(
    make_case: Any, users: dict[str, Any]
) -> None:
    case = make_case("assigned")
    case = act.accept_case(users["wangge"], case, note="收到")
    assert case.state == State.IN_PROGRESS
    case = act.reply_case(users["wangge"], case, note="已整改，附照片", files=[photo()])
    assert case.state == State.REPLIED and case.replied_at is not None and case.next_action_at is None
    reply = case.events.get(kind=EventKind.REPLIED)
    assert [a.original_name for a in reply.attachments.all()] == ["现场.png"]
    assert Notification.objects.filter(recipient=users["duban"], event="cases.replied").exists()
    case = act.close_case(users["duban"], case, note="同意办结")
    assert case.state == State.CLOSED and case.closed_at is not None
    assert case.events.get(kind=EventKind.CLOSED).data["outcome"] == "on_time"
    assert events(case) == ["registered", "assigned", "accepted", "replied", "closed"]
    assert case.history.count() >= 5


def test_the_supervisor_returns_a_reply_and_the_handler_replies_again(
    make_case: Any, users: dict[str, Any]
) -> None:
    case = make_case("replied")
    case = act.return_case(users["duban"], case, reason="照片不清楚")
    assert case.state == State.RETURNED and case.replied_at is None and case.next_action_at is not None
    assert case.events.get(kind=EventKind.RETURNED).note == "照片不清楚"
    case = act.reply_case(users["wangge"], case, note="补充照片", files=[photo("补充.png")])
    assert case.state == State.REPLIED


def test_reassignment_changes_the_unit_and_keeps_the_deadline(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("in_progress")
    other = Unit.objects.get(name="开元路街道办事处") if Unit.objects.filter(name="开元路街道办事处").exists() else (
        Unit.objects.get(name="洛阳市城市管理局"))  # fmt: skip
    due = case.due_at
    case = act.reassign_case(users["duban"], case, unit=other, reason="职责调整")
    assert case.state == State.ASSIGNED and case.responsible_unit == other and case.handler is None
    assert case.due_at == due


def test_an_extension_is_asked_approved_and_keeps_the_original_deadline(
    make_case: Any, users: dict[str, Any]
) -> None:
    case = make_case("in_progress", at=local("2026-11-02 09:00"), days=5)
    original = case.due_date
    assert original == dt.date(2026, 11, 9)
    case = act.request_extension(users["wangge"], case, until=dt.date(2026, 11, 16), reason="需协调")
    assert case.extension_requested_until == dt.date(2026, 11, 16)
    case, warnings = act.extend_deadline(users["duban"], case, until=dt.date(2026, 11, 16), reason="同意")
    assert case.due_date == dt.date(2026, 11, 16) and case.original_due_date == original
    assert case.extended and case.extension_requested_until is None and warnings == []
    assert case.escalation == Escalation.NONE


def test_an_extension_request_is_refused_with_a_reason(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("in_progress")
    with pytest.raises(TransitionRefused):
        act.refuse_extension(users["duban"], case, reason="不同意")  # nothing asked yet
    case = act.request_extension(
        users["wangge"], case, until=case.due_date + dt.timedelta(days=10), reason="需协调"
    )
    case = act.refuse_extension(users["duban"], case, reason="不同意")
    assert case.extension_requested_until is None and not case.extended


def test_an_extension_must_be_later_than_the_deadline(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("in_progress")
    with pytest.raises(ValidationError):
        act.extend_deadline(users["duban"], case, until=case.due_date, reason="同意")


def test_suspension_stops_the_clock_and_resumption_moves_both_deadlines(
    make_case: Any, users: dict[str, Any]
) -> None:
    case = make_case("in_progress", at=local("2026-11-20 10:00"), days=5)  # Fri → due Fri 27 November
    assert case.due_date == dt.date(2026, 11, 27)
    case = act.suspend_case(users["duban"], case, reason="等待审批", at=local("2026-11-23 09:00"))
    assert case.state == State.SUSPENDED and case.next_action_at is None
    case, warnings = act.resume_case(users["duban"], case, at=local("2026-11-25 09:00"))
    assert case.state == State.IN_PROGRESS and warnings == []
    assert case.due_date == dt.date(2026, 12, 1) and case.original_due_date == dt.date(2026, 12, 1)
    assert case.events.get(kind=EventKind.RESUMED).data["due_date"] == "2026-12-01"
    assert case.next_action_at is not None


def test_a_case_is_cancelled_with_a_reason_and_a_note_added_without_a_state_change(
    make_case: Any, users: dict[str, Any]
) -> None:
    case = make_case("assigned")
    case = act.add_note(users["dingdingmen"], case, note="社区已配合")
    assert case.state == State.ASSIGNED and case.events.last().kind == EventKind.NOTE
    case = act.cancel_case(users["duban"], case, reason="重复登记")
    assert case.state == State.CANCELLED and case.next_action_at is None


def test_a_cooperating_unit_sees_the_case_and_adds_its_opinion(make_case: Any, users: dict[str, Any]) -> None:
    cooperating = Unit.objects.get(name="中共北窑街道工作委员会")
    case = make_case("assigned", cooperating_units=[cooperating])
    assert Case.objects.for_user(users["beiyao"]).filter(pk=case.pk).exists()
    # A party secretary's role reads cases but changes none: the opinion is refused, clearly.
    with pytest.raises(PermissionDenied):
        act.add_note(users["beiyao"], case, note="协办意见")


# --- refusals ----------------------------------------------------------------------------------

STATES = ["registered", "assigned", "in_progress", "replied", "returned", "suspended", "closed", "cancelled"]


def test_every_illegal_transition_is_refused_and_changes_nothing(make_case: Any, root: Any) -> None:
    cases = {state: make_case(state) for state in STATES}
    refused = 0
    for state, case in cases.items():
        for name, transition in TRANSITIONS.items():
            if state in transition.sources:
                continue
            version = Case.objects.get(pk=case.pk).row_version
            with pytest.raises(TransitionRefused) as refusal:
                act.check(root, case, name)
            assert (
                str(transition.label) in refusal.value.message
                and case.get_state_display() in refusal.value.message
            )
            assert Case.objects.get(pk=case.pk).row_version == version
            refused += 1
    assert refused >= 50


def test_illegal_acts_through_the_service_functions_are_refused(
    make_case: Any, users: dict[str, Any]
) -> None:
    closed = make_case("closed")
    count = CaseEvent.objects.filter(case=closed).count()
    for attempt in (
        lambda: act.close_case(users["duban"], closed),
        lambda: act.return_case(users["duban"], closed, reason="再办"),
        lambda: act.reply_case(users["wangge"], closed, note="再回复"),
        lambda: act.suspend_case(users["duban"], closed, reason="暂停"),
        lambda: act.assign_case(users["duban"], closed, unit=closed.responsible_unit, days=3),
    ):
        with pytest.raises(TransitionRefused):
            attempt()
    assert CaseEvent.objects.filter(case=closed).count() == count


# Who may make which act on a case of 定鼎门社区 handled by wangge (the built-in roles, written out).
SUPERVISOR_ACTS = {
    "assign",
    "return",
    "close",
    "reassign",
    "extend",
    "refuse_extension",
    "suspend",
    "resume",
    "cancel",
}
HANDLER_ACTS = {"accept", "reply", "request_extension"}


@pytest.mark.parametrize(
    ("username", "kind"),
    [("lingdao", "read-only"), ("wangge", "handler"), ("dingdingmen", "unit"), ("luolong", "territory"),
     ("beiyao", "outside")],
)  # fmt: skip
def test_unauthorised_acts_are_refused_with_the_reason(
    make_case: Any, users: dict[str, Any], username: str, kind: str
) -> None:
    user = users[username]
    cases = {state: make_case(state) for state in ("registered", "assigned", "replied", "suspended")}
    for name, transition in TRANSITIONS.items():
        for case in cases.values():
            if case.state not in transition.sources:
                continue
            may = {
                "read-only": False,
                "handler": name in HANDLER_ACTS or name == "note",
                "unit": name in HANDLER_ACTS or name == "note",
                "territory": name == "note",
                "outside": False,
            }[kind]
            if may:
                act.check(user, case, name)
                continue
            with pytest.raises(PermissionDenied) as refusal:
                act.check(user, case, name)
            assert str(refusal.value)


def test_a_refused_reply_with_a_bad_file_changes_nothing(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("in_progress")
    bad = SimpleUploadedFile("病毒.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    with pytest.raises(ValidationError):
        act.reply_case(users["wangge"], case, note="回复", files=[photo(), bad])
    case.refresh_from_db()
    assert case.state == State.IN_PROGRESS and not case.events.filter(kind=EventKind.REPLIED).exists()


def test_a_reply_without_words_is_refused(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("in_progress")
    with pytest.raises(ValidationError):
        act.reply_case(users["wangge"], case, note="  ")


def test_two_supervisors_closing_at_once_close_once(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("replied")
    stale = Case.objects.get(pk=case.pk)
    act.close_case(users["duban"], case)
    with pytest.raises(TransitionRefused):
        act.close_case(users["duban"], stale)
    assert case.events.filter(kind=EventKind.CLOSED).count() == 1


def test_a_change_between_the_check_and_the_write_is_refused(make_case: Any, users: dict[str, Any],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """Compare-and-set: a row changed after it was read (another process) is not overwritten."""
    case = make_case("replied")
    checked = act.CASES.check

    def racing(user: Any, current: Case, name: str) -> Any:
        transition = checked(user, current, name)
        Case.objects.filter(pk=current.pk).update(row_version=current.row_version + 1)
        return transition

    monkeypatch.setattr(act.CASES, "check", racing)
    meanwhile = gettext("It was changed by someone else meanwhile: look at it again.")
    with pytest.raises(TransitionRefused, match=re.escape(meanwhile)):
        act.close_case(users["duban"], case)
    case.refresh_from_db()
    assert case.state == State.REPLIED and not case.events.filter(kind=EventKind.CLOSED).exists()


def test_outside_deliveries_wait_for_the_commit(make_case: Any, users: dict[str, Any],
                                                django_capture_on_commit_callbacks: Any) -> None:  # fmt: skip
    users["wangge"].email = "wangge@example.org"
    users["wangge"].save()
    case = make_case("registered")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        act.assign_case(users["duban"], case, unit=Unit.objects.get(name="定鼎门社区居民委员会"),
                        handler=Account.objects.get(user__username="wangge"), days=3)  # fmt: skip
        delivery = Delivery.objects.get(target="wangge@example.org")
        assert delivery.state == "pending"
    assert callbacks  # the deliveries were queued on commit, not before
    delivery.refresh_from_db()
    assert delivery.state == "sent"


def test_the_actor_is_not_told_of_their_own_act(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("replied")
    before = Notification.objects.filter(recipient=users["duban"]).count()
    act.close_case(users["duban"], case)
    assert Notification.objects.filter(recipient=users["duban"]).count() == before


def test_the_handler_must_hold_a_role_that_handles_cases(
    make_case: Any, users: dict[str, Any], community_unit: Unit
) -> None:
    case = make_case("registered")
    reader = Account.objects.get(user__username="lingdao")
    with pytest.raises(ValidationError) as refusal:
        act.assign_case(users["duban"], case, unit=community_unit, handler=reader, days=3)
    assert "handler" in refusal.value.message_dict
    assert Case.objects.get(pk=case.pk).state == State.REGISTERED


def test_allowed_lists_the_buttons_of_each_side(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("replied")
    assert {t.name for t in act.allowed(users["duban"], case)} >= {"return", "close", "extend", "suspend"}
    assert {t.name for t in act.allowed(users["wangge"], case)} == {"note"}
    assert act.allowed(users["lingdao"], case) == []


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite runs one writer at a time (IMMEDIATE)")
@pytest.mark.django_db(transaction=True)
def test_numbers_are_unique_when_allocated_in_parallel() -> None:
    import threading

    from django.db import connections, transaction

    numbers: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(10):
                with transaction.atomic():
                    numbers.append(allocate_number(timezone.now().replace(year=2040)))
        except BaseException as error:  # recorded for the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(numbers) == 40 and len(set(numbers)) == 40
