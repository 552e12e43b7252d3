"""The supervision scan: reminders before the deadline, the overdue notice, escalation to the unit's
leader and then to the superior division — run by the task worker and by `heluo cases scan`.

- Finds due work with one index range scan: `next_action_at <= now` on the partial index of cases
  with something due (closed, suspended and finished cases have NULL there and are not in it).
- Idempotent and safe in several processes at once: each batch moves its cases by compare-and-set
  (the UPDATE only matches rows still at the level, reminder and due time read), in one transaction
  with their history rows and timeline events; a batch whose update matched fewer rows than it read
  lost a race and is rolled back and read again. On PostgreSQL, rows another scan holds are skipped
  (FOR UPDATE SKIP LOCKED); SQLite runs one writer at a time anyway.
- Catches up after downtime: a case is moved to where its deadline puts it now, doing each missed
  escalation once and dropping reminders a later step made moot.
- One message per person and kind of act per pass (a leader with 40 overdue cases gets one list,
  not 40 messages).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.deadlines import Plan, Progress, Step, plan
from heluo.cases.models import OWING_STATES, Case, CaseEvent, EventKind
from heluo.cases.services.calendar import current_steps
from heluo.cases.services.recipients import Recipients
from heluo.cases.sources import withheld_kinds
from heluo.core.dates import datetime_text, deadline_text
from heluo.core.scope import scope_of
from heluo.core.services.accounts import system_operator
from heluo.core.services.notifications import Entry, notify, unread_entries

BATCH = 2000
# A pass stops after this many lost races in a row (other scans are doing the work).
MAX_CONTENDED = 5
# A digest's text (e-mail, group robots) lists at most this many cases; the inbox lists them all.
LISTED = 20

EVENT_OF = {"remind": EventKind.REMINDED, "overdue": EventKind.OVERDUE, "leader": EventKind.ESCALATED,
            "superior": EventKind.ESCALATED}  # fmt: skip


@dataclass
class ScanReport:
    now: dt.datetime
    acts: Counter[str] = field(default_factory=Counter)
    cases: int = 0
    messages: int = 0
    contended: int = 0

    def lines(self) -> list[str]:
        labels = {
            "remind": _("reminders sent"),
            "overdue": _("cases marked overdue"),
            "leader": _("escalated to the unit's leader"),
            "superior": _("escalated to the superior division"),
        }
        lines = [_("Scan at %(now)s: %(cases)d cases acted on, %(messages)d messages.")
                 % {"now": datetime_text(self.now, "seconds"), "cases": self.cases,
                    "messages": self.messages}]  # fmt: skip
        lines += [f"  {labels[kind]}: {self.acts[kind]}" for kind in labels if self.acts[kind]]
        if self.contended:
            lines.append(
                _("  batches left to another scan running at the same time: %(n)d") % {"n": self.contended}
            )
        return lines


class _Contended(Exception):
    """A batch's compare-and-set lost a race: roll it back and read again."""


def due_cases(now: dt.datetime, limit: int = BATCH) -> Any:
    """The query the scan runs (and the benchmark explains): due cases, oldest first, on the partial index."""
    return Case.objects.filter(next_action_at__lte=now).order_by("next_action_at")[:limit]


def scan(now: dt.datetime | None = None, *, batch: int = BATCH) -> ScanReport:
    """One pass over every case with something due at `now` (default: now). See the module docstring."""
    now = now or timezone.now()
    report = ScanReport(now)
    steps = current_steps()
    operator = system_operator()
    people = Recipients()
    contended = 0
    while True:
        try:
            found = _batch(now, steps, operator, people, report, batch)
        except _Contended:
            report.contended += 1
            contended += 1
            if contended >= MAX_CONTENDED:
                break
            continue
        contended = 0
        if found < batch:
            break
    return report


def _batch(now: dt.datetime, steps: Sequence[Step], operator: Any, people: Recipients, report: ScanReport,
           size: int) -> int:  # fmt: skip
    with transaction.atomic():
        rows = list(
            due_cases(now, size)
            .select_for_update(skip_locked=True)
            .values("pk", "due_at", "escalation", "reminded_days_before", "state")
        )
        if not rows:
            return 0
        groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        plans: dict[int, Plan] = {}
        for row in rows:
            if row["state"] not in OWING_STATES or row["due_at"] is None:
                groups[("stale", row["state"])].append(row["pk"])
                continue
            before = Progress(row["escalation"], row["reminded_days_before"])
            plans[row["pk"]] = plan(steps, row["due_at"], now, before)
            after = plans[row["pk"]]
            groups[(before, after.progress, after.next_offset)].append(row["pk"])
        for key, ids in groups.items():
            _move(key, ids, now)
        acted = {pk: p for pk, p in plans.items() if p.acts}
        if acted:
            _snapshot_history(list(acted), operator, _("supervision scan"), now)
            _write_events(acted, now, people, report)
    return len(rows)


def _in(ids: Sequence[int]) -> str:
    return ", ".join(["%s"] * len(ids))


def _snapshot_history(ids: Sequence[int], operator: Any, reason: str, now: dt.datetime) -> None:
    """One history row per case as it is now, copied by the database (INSERT … SELECT): what
    core.services.audit.record_history writes, without a Python object per row and field — the scan
    moves thousands of cases at once."""
    history = Case.history.model
    own = {field.column for field in Case._meta.concrete_fields}
    columns = [field.column for field in history._meta.concrete_fields if field.column in own]
    quote = connection.ops.quote_name
    listed = ", ".join(quote(column) for column in columns)
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} ({listed}, history_date, history_change_reason, "
        f"history_type, history_user_id) SELECT {listed}, %s, %s, %s, %s FROM {quote(Case._meta.db_table)} "
        f"WHERE id IN ({_in(ids)})"
    )
    stamp = history._meta.get_field("history_date").get_db_prep_save(now, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [stamp, reason, "~", operator.pk, *ids])


def _insert_events(ids: Sequence[int], step: Step, note: str, now: dt.datetime) -> None:
    """The timeline event of `step` for each case in `ids`, written by the database (INSERT … SELECT)."""
    quote = connection.ops.quote_name
    fields = CaseEvent._meta
    sql = (
        f"INSERT INTO {quote(fields.db_table)} (case_id, kind, at, from_state, to_state, note, data) "
        f"SELECT id, %s, %s, state, state, %s, %s FROM {quote(Case._meta.db_table)} WHERE id IN ({_in(ids)})"
    )
    stamp = fields.get_field("at").get_db_prep_save(now, connection)
    data = fields.get_field("data").get_db_prep_save({"step": step.kind, "days": step.days}, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [EVENT_OF[step.kind], stamp, note, data, *ids])


def _move(key: tuple[Any, ...], ids: list[int], now: dt.datetime) -> None:
    """Compare-and-set one group of cases that stand and move alike."""
    if key[0] == "stale":
        # Nothing is due for a case that is not running: clear it from the scan (no act, no message).
        matched = Case.objects.filter(pk__in=ids, state=key[1], next_action_at__lte=now).update(
            next_action_at=None
        )
    else:
        before, after, offset = key
        reminded = (
            Q(reminded_days_before__isnull=True)
            if before.reminded_days is None
            else Q(reminded_days_before=before.reminded_days)
        )
        matched = Case.objects.filter(
            reminded, pk__in=ids, escalation=before.level, state__in=OWING_STATES, next_action_at__lte=now
        ).update(
            escalation=after.level,
            reminded_days_before=after.reminded_days,
            next_action_at=F("due_at") + offset if offset is not None else None,
            row_version=F("row_version") + 1,
            updated_at=now,
        )
    if matched != len(ids):
        raise _Contended


FIELDS = ("pk", "number", "title", "due_at", "state", "handler__user_id", "responsible_unit_id",
          "supervising_unit_id", "registered_by_id", "division_id", "source_kind")  # fmt: skip


def _write_events(plans: dict[int, Plan], now: dt.datetime, people: Recipients, report: ScanReport) -> None:
    """Each act's timeline events, and one message per person and kind of act."""
    by_step: dict[Step, list[int]] = defaultdict(list)
    for pk, planned in plans.items():
        for step in planned.acts:
            by_step[step].append(pk)
    for step, ids in by_step.items():
        _insert_events(ids, step, _note(step), now)
        report.acts[step.kind] += len(ids)
    report.cases += len(plans)
    facts = {row["pk"]: row for row in Case.objects.filter(pk__in=list(plans)).values(*FIELDS)}
    people.prefetch_ids(
        units={f[k] for f in facts.values() for k in ("responsible_unit_id", "supervising_unit_id")},
        divisions={f["division_id"] for f in facts.values()},
    )
    # Per person and kind, each case once (a person may be told as handler and as supervisor, a case may
    # take two steps of a kind in one pass).
    inbox: dict[tuple[int, str], dict[int, dict[str, Any]]] = defaultdict(dict)
    users: dict[int, Any] = {}
    unheard: dict[Step, list[int]] = defaultdict(list)
    for step, ids in by_step.items():
        for pk in ids:
            recipients = _recipients(facts[pk], step, people)
            if not recipients:
                unheard[step].append(pk)
            for user in recipients:
                users[user.pk] = user
                inbox[(user.pk, step.kind)][pk] = facts[pk]
    for step, ids in unheard.items():
        # Nobody could be told: the timeline says so, for the supervisor to act.
        CaseEvent.objects.filter(case_id__in=ids, kind=EVENT_OF[step.kind], at=now, actor=None).update(
            note=_note(step) + " " + _("Nobody with an account was found to tell.")
        )
    for (user_pk, kind), listed in inbox.items():
        user, key = users[user_pk], f"cases.{kind}"
        notify([user], **_digest(kind, list(listed.values()), unread_entries(user, key)), key=key)
        report.messages += 1


def _recipients(case: dict[str, Any], step: Step, people: Recipients) -> list[Any]:
    # A digest lists titles: a case of a sensitive module's kind reaches only those who may see it.
    return [
        user
        for user in _told(case, step, people)
        if case["source_kind"] not in withheld_kinds(scope_of(user))
    ]


def _told(case: dict[str, Any], step: Step, people: Recipients) -> list[Any]:
    handler_side = (
        people.users_by_id([case["handler__user_id"]])
        if case["handler__user_id"]
        else people.unit_members(case["responsible_unit_id"])
    )
    if step.kind == "remind":
        return handler_side
    if step.kind == "overdue":
        registered = people.users_by_id([case["registered_by_id"]]) if case["registered_by_id"] else []
        return handler_side + people.unit_members(case["supervising_unit_id"]) + registered
    if step.kind == "leader":
        return people.unit_leaders(case["responsible_unit_id"])
    return people.superior_staff(case["division_id"])


def _note(step: Step) -> str:
    if step.kind == "remind":
        return _("%(days)d days before the deadline.") % {"days": step.days}
    if step.kind == "overdue":
        return _("The deadline has passed.")
    if step.kind == "leader":
        return _("Escalated to the responsible unit's leader.")
    return _("Escalated to the superior division.")


def _digest(kind: str, cases: list[dict[str, Any]], earlier: list[Entry]) -> dict[str, Any]:
    """A person's digest of one kind: each case once, linked, with the cases of the unread digest it
    replaces after this pass's; the count in its title is the number of cases it lists."""
    titles = {
        "remind": _("Supervised cases due soon"),
        "overdue": _("Supervised cases overdue"),
        "leader": _("Overdue cases of your unit (escalated)"),
        "superior": _("Overdue cases escalated to your division"),
    }
    entries = [
        Entry(
            text=f"{c['number']} {c['title']} · {_('deadline')} {deadline_text(c['due_at'])}",
            link=reverse("cases:case_detail", args=[c["pk"]]),
        )
        for c in cases
    ]
    new = {entry["link"] for entry in entries}
    entries += [entry for entry in earlier if entry["link"] not in new]
    if len(entries) == 1:
        title, link = f"{titles[kind]}：{entries[0]['text']}", entries[0]["link"]
    else:
        title = f"{titles[kind]}（{len(entries)}）"
        link = reverse("cases:my_cases" if kind == "remind" else "cases:overdue_list")
    body = "\n".join(entry["text"] for entry in entries[:LISTED])
    if len(entries) > LISTED:
        body += "\n" + _("… and %(n)d more.") % {"n": len(entries) - LISTED}
    return {"title": title, "body": body, "link": link, "entries": entries, "event": f"cases.{kind}"}
