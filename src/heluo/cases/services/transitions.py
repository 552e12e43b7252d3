"""The workflow of a case: an explicit transition table and one function per act.

Why a table and not a state-machine library (django-fsm-2, python-statemachine): the whole workflow is
twelve rows that pages, the API and the tests read directly (which buttons to show, which acts to
try); and what each act must do besides moving the state — compare-and-set on the row so two people
or processes never both act, the history row, the timeline event, the notifications — is Heluo's own
(core.services.audit, notifications), which a library would only wrap.

Every act: checks the case is in the user's scope, that the state allows the act and that the user
holds the role for it (else `TransitionRefused` / `PermissionDenied` with a Chinese message, changing
nothing); then, in one transaction, compare-and-sets the row (state and row version as read), records
its history and timeline event, and notifies (inbox rows in the transaction; e-mail and robots after
commit, by core's notify).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.cases.deadlines import Progress, next_offset, resumed_due_date
from heluo.cases.models import (
    OPEN_STATES,
    OWING_STATES,
    RUNNING_STATES,
    Case,
    CaseCategory,
    CaseEvent,
    Escalation,
    EventKind,
    Priority,
    State,
)
from heluo.cases.services import calendar
from heluo.cases.services.numbers import allocate_number
from heluo.cases.services.recipients import Recipients, without
from heluo.cases.sources import SOURCES
from heluo.core.models import Account, Division, Unit
from heluo.core.scope import may, restrict, scope_of
from heluo.core.services.audit import compare_and_set
from heluo.core.services.files import attach_file, check_upload
from heluo.core.services.notifications import notify

Actor = Literal["supervisor", "handler", "participant"]
S = State


class TransitionRefused(Exception):
    """The act does not fit the case's state (or the case changed meanwhile). Nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise
    sources: frozenset[str]
    target: str | None  # None: the state stays (resume: back to the state before the suspension)
    actor: Actor  # supervisor: holds `permission`; handler: the handler or the responsible unit
    permission: str
    event: EventKind


def _t(name: str, label: Promise, sources: Iterable[str], target: str | None, actor: Actor,
       permission: str, event: EventKind) -> Transition:  # fmt: skip
    return Transition(name, label, frozenset(sources), target, actor, permission, event)


RUNNING = RUNNING_STATES
WORKING = (S.ASSIGNED, S.IN_PROGRESS, S.RETURNED)
TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        _t("assign", gettext_lazy("Assign"), [S.REGISTERED], S.ASSIGNED, "supervisor", "assign_case", EventKind.ASSIGNED),
        _t("accept", gettext_lazy("Accept"), [S.ASSIGNED], S.IN_PROGRESS, "handler", "change_case", EventKind.ACCEPTED),
        _t("reply", gettext_lazy("Submit reply"), WORKING, S.REPLIED, "handler", "change_case", EventKind.REPLIED),
        _t("return", gettext_lazy("Return"), [S.REPLIED], S.RETURNED, "supervisor", "verify_case", EventKind.RETURNED),
        _t("close", gettext_lazy("Verify and close"), [S.REPLIED], S.CLOSED, "supervisor", "verify_case", EventKind.CLOSED),
        _t("reassign", gettext_lazy("Reassign"), WORKING, S.ASSIGNED, "supervisor", "assign_case", EventKind.REASSIGNED),
        _t("request_extension", gettext_lazy("Ask for an extension"), WORKING, None, "handler", "change_case",
           EventKind.EXTENSION_REQUESTED),
        _t("extend", gettext_lazy("Extend the deadline"), RUNNING, None, "supervisor", "extend_case", EventKind.EXTENDED),
        _t("refuse_extension", gettext_lazy("Refuse the extension"), RUNNING, None, "supervisor", "extend_case",
           EventKind.EXTENSION_REFUSED),
        _t("suspend", gettext_lazy("Suspend"), RUNNING, S.SUSPENDED, "supervisor", "suspend_case", EventKind.SUSPENDED),
        _t("resume", gettext_lazy("Resume"), [S.SUSPENDED], None, "supervisor", "suspend_case", EventKind.RESUMED),
        _t("cancel", gettext_lazy("Cancel the case"), OPEN_STATES, S.CANCELLED, "supervisor", "assign_case", EventKind.CANCELLED),
        _t("note", gettext_lazy("Add a note"), OPEN_STATES | {S.CLOSED}, None, "participant", "change_case",
           EventKind.NOTE),
    )
}  # fmt: skip


# --- who may act ---------------------------------------------------------------------------------


def holds(user: Any, codename: str) -> bool:
    """Whether the user's roles open supervision and grant cases.<codename>."""
    scope = scope_of(user)
    if scope.unrestricted:
        return True
    return "cases" in scope.modules and bool(user.has_perm(f"cases.{codename}"))


def is_handler_side(user: Any, case: Case) -> bool:
    """The handler, or someone of the responsible unit."""
    scope = scope_of(user)
    if scope.unrestricted:
        return True
    if case.handler is not None and case.handler.user_id == user.pk:
        return True
    return scope.unit_id is not None and scope.unit_id == case.responsible_unit_id


def _visible(user: Any, case: Case) -> bool:
    return restrict(Case.objects.filter(pk=case.pk), user).exists()


def refusal(user: Any, case: Case, transition: Transition) -> str | None:
    """Why `user` may not make `transition` on `case` now, or None if they may."""
    if case.state not in transition.sources:
        return _("The case is “%(state)s”: it cannot take “%(act)s”.") % {
            "state": case.get_state_display(), "act": transition.label}  # fmt: skip
    if not holds(user, transition.permission):
        if transition.actor == "supervisor":
            return _("You may not “%(act)s” this case: it needs a supervisor's right.") % {
                "act": transition.label
            }
        return _("You may not “%(act)s” this case.") % {"act": transition.label}
    if transition.actor == "handler" and not is_handler_side(user, case):
        return _("Only the handler or the responsible unit may “%(act)s” this case.") % {
            "act": transition.label
        }
    if transition.name == "refuse_extension" and case.extension_requested_until is None:
        return _("No extension has been asked for.")
    return None


def check(user: Any, case: Case, name: str) -> Transition:
    """The transition, if `user` may make it on `case` now; else the refusal is raised."""
    transition = TRANSITIONS[name]
    if not _visible(user, case):
        raise PermissionDenied(_("This case is outside your scope."))
    reason = refusal(user, case, transition)
    if reason is None:
        return transition
    # The user's role: PermissionDenied (403); the case's state: TransitionRefused (409).
    role_refused = case.state in transition.sources and (
        not holds(user, transition.permission)
        or (transition.actor == "handler" and not is_handler_side(user, case))
    )
    raise PermissionDenied(reason) if role_refused else TransitionRefused(reason)


def allowed(user: Any, case: Case) -> list[Transition]:
    """The acts `user` may make on `case` now (the buttons of its page)."""
    return [t for t in TRANSITIONS.values() if refusal(user, case, t) is None]


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
    with transaction.atomic():
        current = Case.objects.select_related("handler__user").get(pk=case.pk)
        transition = check(user, current, name)
        values = changes(current) if changes else {}
        if transition.target is not None:
            values.setdefault("state", transition.target)
        details = data(current) if data else {}
        updated = compare_and_set(
            Case, current.pk, expected={"state": current.state, "row_version": current.row_version},
            changes=values, user=user, reason=str(transition.event.label),
        )  # fmt: skip
        if updated is None:
            raise TransitionRefused(_("The case was changed by someone else meanwhile: look at it again."))
        assert isinstance(updated, Case)
        event = CaseEvent.objects.create(
            case=updated, kind=transition.event, actor=user, at=at, from_state=current.state,
            to_state=updated.state, note=note, data=details,
        )  # fmt: skip
        for uploaded in files:
            event.attachments.add(attach_file(updated, uploaded, user=user))
        if recipients is not None:
            _announce(updated, event, without(recipients(updated, Recipients()), user))
    return updated


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


@dataclass(frozen=True)
class Registration:
    """What a new case needs (the registration form's, the API's and other apps' fields)."""

    title: str
    category: CaseCategory
    division: Division
    description: str = ""
    source_kind: str = "other"
    source_reference: str = ""
    address: str = ""
    priority: int = Priority.NORMAL
    supervising_unit: Unit | None = None
    cooperating_units: Sequence[Unit] = ()
    time_limit_days: int | None = None
    requested_due_date: dt.date | None = None
    requirements: str = ""


def register_case(user: Any, registration: Registration, *, source: Any = None, at: dt.datetime | None = None,
                  is_demo: bool = False) -> Case:  # fmt: skip
    """Register a case (state: registered) with its number, history and first timeline event.

    The user must be allowed to add cases and the division must be in their territory. `source` is
    the row of another app the case comes from (linked generically). Raises ValidationError for bad
    values, PermissionDenied otherwise; writes nothing then.
    """
    if not may(user, "add", Case):
        raise PermissionDenied(_("You may not register supervised cases."))
    if not scope_of(user).covers_path(registration.division.path):
        raise PermissionDenied(
            _("The division %(division)s is outside your scope.") % {"division": registration.division}
        )
    if registration.source_kind not in SOURCES:
        raise ValidationError(
            {"source_kind": _("Unknown source %(kind)s.") % {"kind": registration.source_kind}}
        )
    at = at or timezone.now()
    with transaction.atomic():
        case = Case(
            title=registration.title.strip(), category=registration.category, division=registration.division,
            description=registration.description, source_kind=registration.source_kind,
            source_reference=registration.source_reference.strip(), address=registration.address,
            priority=registration.priority, supervising_unit=registration.supervising_unit,
            time_limit_days=registration.time_limit_days, requested_due_date=registration.requested_due_date,
            requirements=registration.requirements, registered_by=user, is_demo=is_demo,
            number=allocate_number(at),
        )  # fmt: skip
        if source is not None:
            case.source = source
        case.full_clean(exclude=["cooperating_units"])
        case._history_user = user  # type: ignore[attr-defined]
        case.save()
        if registration.cooperating_units:
            case.cooperating_units.set(registration.cooperating_units)
        CaseEvent.objects.create(case=case, kind=EventKind.REGISTERED, actor=user, at=at, to_state=case.state)
    return case


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


def assign_case(user: Any, case: Case, *, unit: Unit | None, handler: Account | None = None,
                days: int | None = None, due_date: dt.date | None = None, requirements: str | None = None,
                note: str = "", at: dt.datetime | None = None) -> tuple[Case, list[str]]:  # fmt: skip
    """Assign a registered case to its responsible unit (and handler) with a deadline: N working days
    or a date. The clock starts now. Returns the case and the warnings about its deadline."""
    at = at or timezone.now()
    check(user, case, "assign")
    _check_assignee(user, unit, handler)
    try:
        deadline = calendar.deadline_for(at, days=days, date=due_date)
    except ValueError as error:
        raise ValidationError({"days": str(error)}) from error
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
        return {"suspended_at": at, "resume_state": current.state, "next_action_at": None}

    return _act(user, case, "suspend", changes=changes, note=reason, recipients=_everyone, at=at)


def resume_case(
    user: Any, case: Case, *, note: str = "", at: dt.datetime | None = None
) -> tuple[Case, list[str]]:
    """Restart the clock: the working days left at the suspension count again from the day of
    resumption, for the deadline and the original deadline alike. Returns the case and the warnings."""
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
        values: dict[str, Any] = {"state": state, "suspended_at": None, "resume_state": ""}
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

    updated = _act(user, case, "resume", changes=changes, note=note, data=data, recipients=_everyone, at=at)
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
        "cancel": lambda: (cancel_case(user, case, reason=note), []),
        "note": lambda: (add_note(user, case, note=note, files=data.get("files") or []), []),
    }  # fmt: skip
    return calls[name]()
