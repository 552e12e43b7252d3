"""The workflow of a case: its transition table (a core `Workflow`) and one function per act.

Every act goes through `CASES.act` (heluo.core.workflow): the case must be in the user's scope, its state
must allow the act and the user must hold the role for it (else `TransitionRefused` / `PermissionDenied`
with a Chinese message, changing nothing); then, in one transaction, the row is compare-and-set, its
history and timeline event recorded, the source row told when the case closes or reopens (cases.sources),
and the people concerned notified (inbox rows in the transaction; e-mail and robots after commit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.cases.deadlines import Progress, next_offset, resumed_due_date
from heluo.cases.models import (
    OPEN_STATES,
    OWING_STATES,
    RUNNING_STATES,
    Case,
    CaseEvent,
    Escalation,
    EventKind,
    State,
    deadline_request_errors,
)
from heluo.cases.services import calendar
from heluo.cases.services.recipients import Recipients, without
from heluo.cases.sources import source_changed, waits_on
from heluo.core.models import Account, Unit
from heluo.core.scope import scope_of
from heluo.core.services.files import attach_file, check_upload
from heluo.core.services.notifications import notify
from heluo.core.workflow import Actor, Transition, Workflow, transition

S = State
RUNNING = RUNNING_STATES
WORKING = (S.ASSIGNED, S.IN_PROGRESS, S.RETURNED)
# The event each act writes on the case's timeline.
EVENT_OF = {
    "assign": EventKind.ASSIGNED, "accept": EventKind.ACCEPTED, "reply": EventKind.REPLIED,
    "return": EventKind.RETURNED, "close": EventKind.CLOSED, "reassign": EventKind.REASSIGNED,
    "request_extension": EventKind.EXTENSION_REQUESTED, "extend": EventKind.EXTENDED,
    "refuse_extension": EventKind.EXTENSION_REFUSED, "suspend": EventKind.SUSPENDED,
    "resume": EventKind.RESUMED, "cancel": EventKind.CANCELLED, "reopen": EventKind.REOPENED,
    "note": EventKind.NOTE, "wait": EventKind.WAITING, "end_wait": EventKind.RESUMED,
}  # fmt: skip


def is_handler_side(user: Any, case: Case) -> bool:
    """The handler, or someone of the responsible unit."""
    scope = scope_of(user)
    if scope.unrestricted:
        return True
    if case.handler is not None and case.handler.user_id == user.pk:
        return True
    return scope.unit_id is not None and scope.unit_id == case.responsible_unit_id


def _extension_pending(user: Any, case: Case, act: Transition) -> str | None:
    if act.name == "refuse_extension" and case.extension_requested_until is None:
        return _("No extension has been asked for.")
    # Said to those whose scope lets them play any part (the others are refused by the actor).
    if act.name == "wait" and not waits_on(case):
        return _("Only a supervisor stops the clock of a case from “%(source)s”.") % {
            "source": case.get_source_kind_display()}  # fmt: skip
    if act.name == "end_wait" and not case.waiting:
        return _("A supervisor stopped this case's clock: a supervisor restarts it.")
    return None


ACTORS = {
    "supervisor": Actor(
        lambda user, case: True,
        gettext_lazy("You may not “%(act)s” this case."),
        missing_permission=gettext_lazy("You may not “%(act)s” this case: it needs a supervisor's right."),
    ),
    "handler": Actor(
        is_handler_side, gettext_lazy("Only the handler or the responsible unit may “%(act)s” this case.")
    ),
    "participant": Actor(lambda user, case: True, gettext_lazy("You may not “%(act)s” this case.")),
    # The handler of a case whose source lets them wait on the other party (cases.sources: waits_on).
    "waiter": Actor(
        lambda user, case: bool(waits_on(case)) and is_handler_side(user, case),
        gettext_lazy("Only the handler of a case whose source allows it may “%(act)s”; ask a supervisor."),
    ),
    # The handler who stopped the clock themselves restarts it; a supervisor's suspension is theirs.
    "resumer": Actor(
        lambda user, case: case.waiting and is_handler_side(user, case),
        gettext_lazy("Only the handler who stopped the clock, or a supervisor, may “%(act)s”."),
    ),
}
CASES: Workflow[Case] = Workflow(
    Case,
    [
        transition("assign", gettext_lazy("Assign"), [S.REGISTERED], S.ASSIGNED, "assign_case", "supervisor"),
        transition("accept", gettext_lazy("Accept"), [S.ASSIGNED], S.IN_PROGRESS, "change_case", "handler"),
        transition("reply", gettext_lazy("Submit reply"), WORKING, S.REPLIED, "change_case", "handler"),
        transition("return", gettext_lazy("Return"), [S.REPLIED], S.RETURNED, "verify_case", "supervisor"),
        transition("close", gettext_lazy("Verify and close"), [S.REPLIED], S.CLOSED, "verify_case", "supervisor"),
        transition("reassign", gettext_lazy("Reassign"), WORKING, S.ASSIGNED, "assign_case", "supervisor"),
        transition("request_extension", gettext_lazy("Ask for an extension"), WORKING, None, "change_case",
                   "handler"),
        transition("extend", gettext_lazy("Extend the deadline"), RUNNING, None, "extend_case", "supervisor"),
        transition("refuse_extension", gettext_lazy("Refuse the extension"), RUNNING, None, "extend_case",
                   "supervisor"),
        transition("suspend", gettext_lazy("Suspend"), RUNNING, S.SUSPENDED, "suspend_case", "supervisor"),
        transition("resume", gettext_lazy("Resume"), [S.SUSPENDED], None, "suspend_case", "supervisor"),
        transition("wait", gettext_lazy("Wait on the other party (stop the clock)"), WORKING, S.SUSPENDED,
                   "change_case", "waiter"),
        transition("end_wait", gettext_lazy("The other party answered (restart the clock)"), [S.SUSPENDED], None,
                   "change_case", "resumer"),
        transition("cancel", gettext_lazy("Cancel the case"), OPEN_STATES, S.CANCELLED, "assign_case",
                   "supervisor"),
        transition("reopen", gettext_lazy("Reopen"), [S.CLOSED], S.ASSIGNED, "assign_case", "supervisor"),
        transition("note", gettext_lazy("Add a note"), OPEN_STATES | {S.CLOSED}, None, "change_case",
                   "participant"),
    ],
    actors=ACTORS,
    condition=_extension_pending,
    select_related=("handler__user",),
)  # fmt: skip
TRANSITIONS = CASES.table


def holds(user: Any, codename: str) -> bool:
    """Whether the user's roles open supervision and grant cases.<codename>."""
    return CASES.holds(user, codename)


def check(user: Any, case: Case, name: str) -> Transition:
    """The transition, if `user` may make it on `case` now; else the refusal is raised."""
    return CASES.check(user, case, name)


def allowed(user: Any, case: Case) -> list[Transition]:
    """The acts `user` may make on `case` now (the buttons of its page)."""
    return CASES.allowed(user, case)


# --- the acts ----------------------------------------------------------------------------------


def _required(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({what: _("This field is required.")})
    return text


def _check_files(files: Sequence[UploadedFile]) -> None:
    # Every file is checked before anything is written: one bad file and nothing changes.
    problems = []
    for uploaded in files:
        try:
            check_upload(uploaded)
        except ValidationError as error:
            problems += [f"{uploaded.name}: {message}" for message in error.messages]
    if problems:
        raise ValidationError({"files": problems})


def _next_action(due_at: dt.datetime | None, progress: Progress, state: str) -> dt.datetime | None:
    """When the scan must next look at a case: only while the unit owes an answer."""
    if due_at is None or state not in OWING_STATES:
        return None
    offset = next_offset(calendar.current_steps(), progress)
    return due_at + offset if offset is not None else None


Notify = Callable[[Case, Recipients], list[Any]]


def _act(user: Any, case: Case, name: str, *, changes: Callable[[Case], dict[str, Any]] | None = None,
         note: str = "", data: Callable[[Case], dict[str, Any]] | None = None,
         files: Sequence[UploadedFile] = (), recipients: Notify | None = None,
         at: dt.datetime | None = None) -> Case:  # fmt: skip
    """Make transition `name` on `case` as `user` (see the module's docstring for what that means)."""
    _check_files(files)
    at = at or timezone.now()

    def record(updated: Case, current: Case, act: Transition) -> None:
        event = CaseEvent.objects.create(
            case=updated, kind=EVENT_OF[act.name], actor=user, at=at, from_state=current.state,
            to_state=updated.state, note=note, data=data(current) if data else {},
        )  # fmt: skip
        for uploaded in files:
            event.attachments.add(attach_file(updated, uploaded, user=user))
        if (current.state in OPEN_STATES) != (updated.state in OPEN_STATES):
            source_changed(updated)
        if recipients is not None:
            _announce(updated, event, without(recipients(updated, Recipients()), user))

    return CASES.act(user, case, name, changes=changes, record=record)


def _announce(case: Case, event: CaseEvent, users: list[Any]) -> None:
    # Inside the transaction: the inbox rows commit with the act (nothing is announced that was rolled
    # back, and nothing committed goes unannounced); notify sends e-mail and robots after the commit.
    if not users:
        return
    title = _("%(act)s: %(number)s %(title)s") % {
        "act": event.get_kind_display(), "number": case.number, "title": case.title}  # fmt: skip
    # One inbox entry per case: the latest act replaces an unread message about an earlier one.
    notify(users, title=title, body=event.note, link=case.get_absolute_url(), event=f"cases.{event.kind}",
           key=case_key(case))  # fmt: skip


def case_key(case: Case) -> str:
    """The key of the inbox messages about one case's acts."""
    return f"cases.case.{case.pk}"


def _handler_side(case: Case, people: Recipients) -> list[Any]:
    return people.handler_side(case)


def _supervisor_side(case: Case, people: Recipients) -> list[Any]:
    return people.supervisor_side(case)


def _everyone(case: Case, people: Recipients) -> list[Any]:
    return people.handler_side(case) + people.supervisor_side(case) + people.cooperating(case)


def _check_assignee(user: Any, unit: Unit | None, handler: Account | None) -> None:
    errors: dict[str, str] = {}
    if unit is None:
        errors["unit"] = _("Choose the responsible unit.")
    elif not Unit.objects.for_user(user).filter(pk=unit.pk).exists():
        errors["unit"] = _("The unit %(unit)s is outside your scope.") % {"unit": unit}
    if handler is not None:
        if not Account.objects.for_user(user).filter(pk=handler.pk).exists():
            errors["handler"] = _("%(handler)s is outside your scope.") % {"handler": handler}
        elif not (handler.user.is_active and holds(handler.user, "change_case")):
            errors["handler"] = _("%(handler)s has no role that handles supervised cases.") % {
                "handler": handler
            }
    if errors:
        raise ValidationError(errors)


def _deadline_changes(deadline: calendar.Deadline, state: str, *, original: bool) -> dict[str, Any]:
    values: dict[str, Any] = {
        "due_date": deadline.due_date,
        "due_at": deadline.due_at,
        "escalation": Escalation.NONE,
        "reminded_days_before": None,
        "next_action_at": _next_action(deadline.due_at, Progress(0, None), state),
    }
    if original:
        values.update(original_due_date=deadline.due_date, original_due_at=deadline.due_at, extended=False)
    return values


def _asked_deadline(at: dt.datetime, days: int | None, due_date: dt.date | None) -> calendar.Deadline:
    """The deadline asked for at assignment: N working days or a date, one of them (the one rule of
    `deadline_request_errors`), counted from `at`."""
    errors = deadline_request_errors(days, due_date, required=True, fields=("days", "due_date"))
    if errors:
        raise ValidationError(errors)
    try:
        return calendar.deadline_for(at, days=days, date=due_date)
    except ValueError as error:
        raise ValidationError({"due_date" if due_date else "days": str(error)}) from error


def assign_case(user: Any, case: Case, *, unit: Unit | None, handler: Account | None = None,
                days: int | None = None, due_date: dt.date | None = None, requirements: str | None = None,
                note: str = "", at: dt.datetime | None = None) -> tuple[Case, list[str]]:  # fmt: skip
    """Assign a registered case to its responsible unit (and handler) with a deadline: N working days
    or a date. The clock starts now. Returns the case and the warnings about its deadline."""
    at = at or timezone.now()
    check(user, case, "assign")
    _check_assignee(user, unit, handler)
    deadline = _asked_deadline(at, days, due_date)
    warnings = deadline.warnings()

    def changes(current: Case) -> dict[str, Any]:
        values = {
            "responsible_unit": unit, "handler": handler, "assigned_at": at, "time_limit_days": days,
            "requested_due_date": due_date, **_deadline_changes(deadline, S.ASSIGNED, original=True),
        }  # fmt: skip
        if requirements is not None:
            values["requirements"] = requirements
        return values

    def data(current: Case) -> dict[str, Any]:
        return {"unit": str(unit), "handler": str(handler or ""), "due_date": str(deadline.due_date),
                "warnings": warnings}  # fmt: skip

    recipients: Notify = lambda c, people: people.handler_side(c) + people.cooperating(c)  # noqa: E731
    updated = _act(user, case, "assign", changes=changes, note=note, data=data, recipients=recipients, at=at)
    return updated, warnings


def accept_case(user: Any, case: Case, *, note: str = "", at: dt.datetime | None = None) -> Case:
    """The handler's side takes the case in hand (assigned → in progress)."""
    return _act(user, case, "accept", note=note, recipients=_supervisor_side, at=at)


def reply_case(user: Any, case: Case, *, note: str, files: Sequence[UploadedFile] = (),
               at: dt.datetime | None = None) -> Case:  # fmt: skip
    """The handler's side reports what was done, with photos or files, for the supervisor to verify."""
    note = _required(note, "note")
    at = at or timezone.now()

    def changes(current: Case) -> dict[str, Any]:
        return {"replied_at": at, "next_action_at": None}

    return _act(
        user, case, "reply", changes=changes, note=note, files=files, recipients=_supervisor_side, at=at
    )


def return_case(user: Any, case: Case, *, reason: str, at: dt.datetime | None = None) -> Case:
    """The supervisor sends a reply back to the handler with the reason (the clock keeps running)."""
    reason = _required(reason, "note")

    def changes(current: Case) -> dict[str, Any]:
        progress = Progress(current.escalation, current.reminded_days_before)
        return {"replied_at": None, "next_action_at": _next_action(current.due_at, progress, S.RETURNED)}

    return _act(user, case, "return", changes=changes, note=reason, recipients=_handler_side, at=at)


def close_case(user: Any, case: Case, *, note: str = "", at: dt.datetime | None = None) -> Case:
    """The supervisor verifies the reply and closes the case. Its outcome (on time, on time (extended),
    late) is that of the reply accepted: the supervisor's time to verify is not the unit's."""
    at = at or timezone.now()

    def changes(current: Case) -> dict[str, Any]:
        return {"closed_at": at, "next_action_at": None, "extension_requested_until": None}

    def data(current: Case) -> dict[str, Any]:
        outcome = ""
        if current.due_at and current.original_due_at and current.replied_at:
            from heluo.cases.tallies import outcome as classify

            outcome = classify(current.replied_at, current.original_due_at, current.due_at)
        return {"outcome": outcome}

    recipients: Notify = lambda c, people: people.handler_side(c) + people.supervisor_side(c)  # noqa: E731
    return _act(user, case, "close", changes=changes, note=note, data=data, recipients=recipients, at=at)


def reopen_case(user: Any, case: Case, *, reason: str, days: int | None = None, due_date: dt.date | None = None,
                at: dt.datetime | None = None) -> tuple[Case, list[str]]:  # fmt: skip
    """Reopen a closed case (a re-inspection found the problem again, a reply proved untrue): back to its
    responsible unit with a new deadline, counted from now; the first closing stays on the timeline.
    Returns the case and the warnings about its deadline."""
    reason = _required(reason, "note")
    at = at or timezone.now()
    deadline = _asked_deadline(at, days, due_date)
    warnings = deadline.warnings()

    def changes(current: Case) -> dict[str, Any]:
        return {
            "assigned_at": at, "closed_at": None, "replied_at": None, "time_limit_days": days,
            "requested_due_date": due_date, **_deadline_changes(deadline, S.ASSIGNED, original=True),
        }  # fmt: skip

    def data(current: Case) -> dict[str, Any]:
        return {"due_date": str(deadline.due_date), "warnings": warnings}

    recipients: Notify = lambda c, people: people.handler_side(c) + people.cooperating(c)  # noqa: E731
    updated = _act(
        user, case, "reopen", changes=changes, note=reason, data=data, recipients=recipients, at=at
    )
    return updated, warnings


def reassign_case(user: Any, case: Case, *, unit: Unit | None, handler: Account | None = None, reason: str,
                  at: dt.datetime | None = None) -> Case:  # fmt: skip
    """Give the case to another unit or handler (back to assigned); the deadline stays."""
    reason = _required(reason, "note")
    check(user, case, "reassign")
    _check_assignee(user, unit, handler)

    def changes(current: Case) -> dict[str, Any]:
        return {"responsible_unit": unit, "handler": handler}

    def data(current: Case) -> dict[str, Any]:
        return {"from_unit": str(current.responsible_unit or ""), "from_handler": str(current.handler or ""),
                "unit": str(unit), "handler": str(handler or "")}  # fmt: skip

    return _act(
        user, case, "reassign", changes=changes, note=reason, data=data, recipients=_handler_side, at=at
    )


def _later_than_due(current: Case, until: dt.date) -> None:
    if current.due_date is not None and until <= current.due_date:
        raise ValidationError(
            {"until": _("The new deadline must come after %(due)s.") % {"due": current.due_date}}
        )


def request_extension(user: Any, case: Case, *, until: dt.date, reason: str,
                      at: dt.datetime | None = None) -> Case:  # fmt: skip
    """The handler's side asks for a later deadline, with the reason; a supervisor approves or refuses."""
    reason = _required(reason, "note")
    _later_than_due(case, until)

    def changes(current: Case) -> dict[str, Any]:
        return {"extension_requested_until": until}

    def data(current: Case) -> dict[str, Any]:
        return {"until": str(until)}

    return _act(user, case, "request_extension", changes=changes, note=reason, data=data,
                recipients=_supervisor_side, at=at)  # fmt: skip


def extend_deadline(user: Any, case: Case, *, until: dt.date, reason: str,
                    at: dt.datetime | None = None) -> tuple[Case, list[str]]:  # fmt: skip
    """Approve a later deadline (asked for or not). The original deadline is kept: a case closed after
    it but by the new one counts as on time (extended), not on time."""
    reason = _required(reason, "note")
    _later_than_due(case, until)
    deadline = calendar.extended_deadline(until)
    warnings = deadline.warnings()

    def changes(current: Case) -> dict[str, Any]:
        return {**_deadline_changes(deadline, current.state, original=False), "extended": True,
                "extension_requested_until": None}  # fmt: skip

    def data(current: Case) -> dict[str, Any]:
        return {
            "from_due_date": str(current.due_date),
            "due_date": str(deadline.due_date),
            "warnings": warnings,
        }

    updated = _act(
        user, case, "extend", changes=changes, note=reason, data=data, recipients=_handler_side, at=at
    )
    return updated, warnings


def refuse_extension(user: Any, case: Case, *, reason: str, at: dt.datetime | None = None) -> Case:
    """Refuse a pending request for an extension, with the reason; the deadline stays."""
    reason = _required(reason, "note")

    def changes(current: Case) -> dict[str, Any]:
        return {"extension_requested_until": None}

    return _act(user, case, "refuse_extension", changes=changes, note=reason, recipients=_handler_side, at=at)


def suspend_case(user: Any, case: Case, *, reason: str, at: dt.datetime | None = None) -> Case:
    """Stop the clock (awaiting a court, a season …): no reminder or escalation until resumed."""
    reason = _required(reason, "note")
    at = at or timezone.now()

    def changes(current: Case) -> dict[str, Any]:
        return {"suspended_at": at, "resume_state": current.state, "next_action_at": None,
                "suspension_reason": reason}  # fmt: skip

    return _act(user, case, "suspend", changes=changes, note=reason, recipients=_everyone, at=at)


def wait_case(user: Any, case: Case, *, reason: str, at: dt.datetime | None = None) -> Case:
    """The handler stops the clock while waiting on the other party (an enterprise's missing papers),
    allowed only for cases whose source declares it (cases.sources: waits_on). The reason is shown to the
    supervisor on the case's page and timeline; the handler or a supervisor restarts the clock."""
    reason = _required(reason, "note")
    at = at or timezone.now()

    def changes(current: Case) -> dict[str, Any]:
        return {"suspended_at": at, "resume_state": current.state, "next_action_at": None,
                "suspension_reason": reason, "waiting": True}  # fmt: skip

    def data(current: Case) -> dict[str, Any]:
        return {"waiting_on": str(waits_on(current))}

    return _act(
        user, case, "wait", changes=changes, note=reason, data=data, recipients=_supervisor_side, at=at
    )


def resume_case(
    user: Any, case: Case, *, note: str = "", at: dt.datetime | None = None
) -> tuple[Case, list[str]]:
    """Restart the clock: the working days left at the suspension count again from the day of
    resumption, for the deadline and the original deadline alike. Returns the case and the warnings."""
    return _restart(user, case, "resume", note=note, at=at)


def end_waiting(
    user: Any, case: Case, *, note: str = "", at: dt.datetime | None = None
) -> tuple[Case, list[str]]:
    """The handler restarts the clock they stopped waiting on the other party, as `resume_case` does
    (the working days left count again from today). Returns the case and the warnings."""
    return _restart(user, case, "end_wait", note=note, at=at)


def _restart(
    user: Any, case: Case, name: str, *, note: str, at: dt.datetime | None
) -> tuple[Case, list[str]]:
    at = at or timezone.now()
    moved: dict[str, Any] = {}

    def shifted(current: Case, last_day: dt.date) -> dt.date:
        assert current.suspended_at is not None
        counted = resumed_due_date(
            calendar.current_calendar(), last_day, timezone.localtime(current.suspended_at).date(),
            timezone.localtime(at).date(),
        )  # fmt: skip
        moved["unknown"] = moved.get("unknown", frozenset()) | counted.unknown_years
        return counted.day

    def changes(current: Case) -> dict[str, Any]:
        state = current.resume_state or S.IN_PROGRESS
        values: dict[str, Any] = {
            "state": state, "suspended_at": None, "resume_state": "", "suspension_reason": "", "waiting": False,
        }  # fmt: skip
        if current.due_date is None or current.original_due_date is None or current.suspended_at is None:
            return values
        due = calendar.deadline_on(shifted(current, current.due_date))
        original = calendar.deadline_on(shifted(current, current.original_due_date))
        progress = Progress(current.escalation, current.reminded_days_before)
        if due.due_date != current.due_date:
            progress = Progress(0, None)  # a new deadline: its reminders and escalations start again
        moved["warnings"] = calendar.Deadline(due.due_date, due.due_at, moved["unknown"]).warnings()
        values.update(
            due_date=due.due_date, due_at=due.due_at, original_due_date=original.due_date,
            original_due_at=original.due_at, escalation=progress.level,
            reminded_days_before=progress.reminded_days, next_action_at=_next_action(due.due_at, progress, state),
        )  # fmt: skip
        moved["due_date"] = str(due.due_date)
        return values

    def data(current: Case) -> dict[str, Any]:
        return {"from_due_date": str(current.due_date), "due_date": moved.get("due_date", ""),
                "warnings": moved.get("warnings", [])}  # fmt: skip

    updated = _act(user, case, name, changes=changes, note=note, data=data, recipients=_everyone, at=at)
    return updated, list(moved.get("warnings", []))


def cancel_case(user: Any, case: Case, *, reason: str, at: dt.datetime | None = None) -> Case:
    """Cancel a case registered by mistake or made moot; it leaves the statistics. Kept with its timeline."""
    reason = _required(reason, "note")

    def changes(current: Case) -> dict[str, Any]:
        return {"next_action_at": None, "extension_requested_until": None}

    return _act(user, case, "cancel", changes=changes, note=reason, recipients=_everyone, at=at)


def add_note(user: Any, case: Case, *, note: str, files: Sequence[UploadedFile] = (),
             at: dt.datetime | None = None) -> Case:  # fmt: skip
    """A note (and files) on the timeline from anyone acting on the case: a co-operating unit's
    opinion, a supervisor's instruction. The state does not change."""
    if not (note or "").strip() and not files:
        raise ValidationError({"note": _("Write a note or attach a file.")})
    return _act(user, case, "note", note=(note or "").strip(), files=files, recipients=_everyone, at=at)


def perform(name: str, user: Any, case: Case, data: dict[str, Any]) -> tuple[Case, list[str]]:
    """Make act `name` with the cleaned data of its form (heluo.cases.forms.ACT_FORMS): the one way pages
    and the API turn a submitted act into the service call. Returns the case and any warnings."""
    note = data.get("note", "")
    calls = {
        "assign": lambda: assign_case(
            user, case, unit=data.get("unit"), handler=data.get("handler"), days=data.get("days"),
            due_date=data.get("due_date"), requirements=data.get("requirements") or None, note=note),
        "accept": lambda: (accept_case(user, case, note=note), []),
        "reply": lambda: (reply_case(user, case, note=note, files=data.get("files") or []), []),
        "return": lambda: (return_case(user, case, reason=note), []),
        "close": lambda: (close_case(user, case, note=note), []),
        "reassign": lambda: (reassign_case(user, case, unit=data.get("unit"), handler=data.get("handler"),
                                           reason=note), []),
        "request_extension": lambda: (request_extension(user, case, until=data["until"], reason=note), []),
        "extend": lambda: extend_deadline(user, case, until=data["until"], reason=note),
        "refuse_extension": lambda: (refuse_extension(user, case, reason=note), []),
        "suspend": lambda: (suspend_case(user, case, reason=note), []),
        "resume": lambda: resume_case(user, case, note=note),
        "wait": lambda: (wait_case(user, case, reason=note), []),
        "end_wait": lambda: end_waiting(user, case, note=note),
        "cancel": lambda: (cancel_case(user, case, reason=note), []),
        "reopen": lambda: reopen_case(user, case, reason=note, days=data.get("days"), due_date=data.get("due_date")),
        "note": lambda: (add_note(user, case, note=note, files=data.get("files") or []), []),
    }  # fmt: skip
    return calls[name]()
