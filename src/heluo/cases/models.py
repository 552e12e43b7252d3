"""Supervision (督办): cases with a responsible unit, a deadline, a timeline, and the calendar they count on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, ProtectedError, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.cases.deadlines import overdue_at
from heluo.cases.sources import source_choices, withheld_kinds
from heluo.core.models import (
    CITY_WIDE,
    Account,
    Attachment,
    Division,
    LedgerModel,
    ScopedManager,
    ScopedQuerySet,
    Unit,
    UserScope,
)


class State(models.TextChoices):
    REGISTERED = "registered", _("registered")
    ASSIGNED = "assigned", _("assigned")
    IN_PROGRESS = "in_progress", _("in progress")
    REPLIED = "replied", _("reply submitted")
    RETURNED = "returned", _("returned")
    SUSPENDED = "suspended", _("suspended (clock stopped)")
    CLOSED = "closed", _("closed")
    CANCELLED = "cancelled", _("cancelled")


# The coarse status beside the fine state: what lists and statistics group by.
OPEN_STATES = frozenset(
    {State.REGISTERED, State.ASSIGNED, State.IN_PROGRESS, State.REPLIED, State.RETURNED, State.SUSPENDED}
)
# States in which the deadline runs (registered: no deadline yet; suspended: the clock is stopped).
RUNNING_STATES = frozenset({State.ASSIGNED, State.IN_PROGRESS, State.REPLIED, State.RETURNED})
# States in which the responsible unit owes an answer: the scan reminds and escalates these only. A
# reply waiting for verification is judged by when it was submitted, not by the supervisor's delay.
OWING_STATES = frozenset({State.ASSIGNED, State.IN_PROGRESS, State.RETURNED})

STATE_COLOURS = {
    State.REGISTERED: "secondary",
    State.ASSIGNED: "primary",
    State.IN_PROGRESS: "info",
    State.REPLIED: "warning",
    State.RETURNED: "danger",
    State.SUSPENDED: "dark",
    State.CLOSED: "success",
    State.CANCELLED: "light",
}


class Priority(models.IntegerChoices):
    NORMAL = 1, _("normal")
    URGENT = 2, _("urgent")
    VERY_URGENT = 3, _("very urgent")


class Escalation(models.IntegerChoices):
    """How far the supervision of an overdue case has gone (督办升级)."""

    NONE = 0, _("none")
    OVERDUE = 1, _("overdue notice")
    UNIT_LEADER = 2, _("escalated to the unit's leader")
    SUPERIOR = 3, _("escalated to the superior division")


def deadline_request_errors(
    days: int | None,
    due_date: dt.date | None,
    *,
    required: bool,
    fields: tuple[str, str] = ("time_limit_days", "requested_due_date"),
) -> dict[str, str]:
    """The one rule of how a deadline is asked for, by field: N working days (at least one) or a date,
    not both — and, when a case is assigned or reopened, one of them. Empty when the request is fine."""
    days_field, date_field = fields
    if days is not None and days < 1:
        return {days_field: _("A time limit has at least one working day.")}
    if days is not None and due_date is not None:
        return {date_field: _("Give the time limit in working days or a due date (one of them).")}
    if required and days is None and due_date is None:
        return {days_field: _("Give the time limit in working days or a due date (one of them).")}
    return {}


def overdue_q(at: dt.datetime) -> Q:
    """Cases overdue at `at`, as a condition: assigned before, past the deadline then, not closed by then,
    not suspended or cancelled, with no reply submitted by the deadline (heluo.cases.deadlines.overdue_at
    is the same rule for one case)."""
    return (
        Q(assigned_at__lt=at, due_at__lt=at)
        & (Q(closed_at__isnull=True) | Q(closed_at__gte=at))
        & (Q(replied_at__isnull=True) | Q(replied_at__gt=F("due_at")))
        & ~Q(state__in=[State.SUSPENDED, State.CANCELLED])
    )


class CaseQuerySet(ScopedQuerySet):
    def overdue(self, at: dt.datetime | None = None) -> CaseQuerySet:
        """The cases overdue at `at` (default: now); see `overdue_q`."""
        return self.filter(overdue_q(at or timezone.now()))


class CaseCategory(models.Model):
    """Kinds of matter are data, not code: a city adds its own (seeded by a migration)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("case category")
        verbose_name_plural = _("case categories")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Case(LedgerModel):
    """A supervised matter (督办事项): who must do what by when, and everything done about it.

    The workflow fields (state, responsible unit, handler, deadlines, escalation) change only through
    heluo.cases.services.transitions and the scan; the edit page changes the description fields.
    """

    scope_module = "cases"

    number = models.CharField(_("case number"), max_length=32, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source_kind = models.CharField(_("source"), max_length=40, choices=source_choices, default="other")
    source_reference = models.CharField(
        _("source reference"),
        max_length=100,
        blank=True,
        help_text=_("The number of the matter in its source, e.g. another system's record number."),
    )
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, editable=False, related_name="+",
        db_index=False,  # the (source_type, source_id) index below serves it
    )  # fmt: skip
    source_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    source = GenericForeignKey("source_type", "source_id")
    category = models.ForeignKey(CaseCategory, verbose_name=_("category"), on_delete=models.PROTECT)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="cases"
    )
    address = models.CharField(_("location"), max_length=200, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    supervising_unit = models.ForeignKey(
        Unit,
        verbose_name=_("supervising unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_cases",
    )
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        editable=False,
        db_index=False,  # the (responsible_unit, state) index below serves it
    )
    handler = models.ForeignKey(
        Account,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
        editable=False,
    )
    cooperating_units = models.ManyToManyField(
        Unit, verbose_name=_("co-operating units"), blank=True, related_name="cooperating_cases"
    )
    # The deadline as asked for: N working days from assignment, or a date.
    time_limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"), null=True, blank=True)
    requested_due_date = models.DateField(_("due date asked for"), null=True, blank=True)
    requirements = models.TextField(_("requirements"), blank=True)

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.REGISTERED, editable=False
    )
    # Users are disabled, never deleted: no index is kept for a delete to find their cases.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        db_index=False,
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True, editable=False)
    due_date = models.DateField(_("due date"), null=True, blank=True, editable=False)
    due_at = models.DateTimeField(_("deadline"), null=True, blank=True, editable=False)
    # The deadline before any extension (moved by suspensions only): what "on time" is measured against.
    original_due_date = models.DateField(_("original due date"), null=True, blank=True, editable=False)
    original_due_at = models.DateTimeField(_("original deadline"), null=True, blank=True, editable=False)
    extended = models.BooleanField(_("deadline extended"), default=False, editable=False)
    extension_requested_until = models.DateField(
        _("extension asked until"), null=True, blank=True, editable=False
    )
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True, editable=False)
    resume_state = models.CharField(_("state before suspension"), max_length=20, blank=True, editable=False)
    suspension_reason = models.TextField(_("why the clock stopped"), blank=True, editable=False)
    # The handler stopped the clock waiting on the other party (cases.sources: waits_on): they restart it.
    waiting = models.BooleanField(_("waiting on the other party"), default=False, editable=False)
    # When the reply now waiting for verification (or accepted by the closing) was submitted.
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    escalation = models.PositiveSmallIntegerField(
        _("supervision level"), choices=Escalation.choices, default=Escalation.NONE, editable=False
    )
    # Days before the deadline of the last reminder sent for the current deadline.
    reminded_days_before = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # When the scan must next look at the case; NULL when nothing is due (closed, suspended, all done).
    next_action_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[cooperating_units])

    objects = ScopedManager.from_queryset(CaseQuerySet)()

    class Meta:
        verbose_name = _("supervised case")
        verbose_name_plural = _("supervised cases")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("assign_case", _("Can assign, reassign and cancel supervised cases")),
            ("verify_case", _("Can verify replies: close or return supervised cases")),
            ("extend_case", _("Can approve or refuse deadline extensions")),
            ("suspend_case", _("Can suspend and resume supervised cases")),
        ]
        indexes = [
            # The scan reads only cases with something due, oldest first: a partial index keeps it a
            # short range scan however many cases are closed, suspended or done.
            models.Index(
                fields=["next_action_at"],
                name="cases_case_next_action",
                condition=Q(next_action_at__isnull=False),
            ),
            models.Index(fields=["responsible_unit", "state"], name="cases_case_unit_state"),
            models.Index(fields=["state", "due_at"], name="cases_case_state_due"),
            models.Index(fields=["assigned_at"], name="cases_case_assigned"),
            models.Index(fields=["closed_at"], name="cases_case_closed"),
            models.Index(fields=["source_type", "source_id"], name="cases_case_source"),
        ]
        constraints = [
            # Another system creating a case twice (a retry) finds the first one.
            models.UniqueConstraint(
                fields=["source_kind", "source_reference"],
                condition=~Q(source_reference=""),
                name="cases_case_source_reference_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.pk])

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        """Only a case registered by mistake is deleted; once assigned, it is kept (cancel it instead)."""
        if self.state != State.REGISTERED:
            raise ProtectedError(
                str(_("A case that has been assigned is kept with its timeline: cancel it instead.")),
                set(self.events.all()),
            )
        return super().delete(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def clean(self) -> None:
        errors = deadline_request_errors(self.time_limit_days, self.requested_due_date, required=False)
        if errors:
            raise ValidationError(errors)

    @property
    def is_overdue(self) -> bool:
        """Past its deadline with no reply submitted by it (see `overdue_q`)."""
        return overdue_at(
            timezone.now(), state=self.state, assigned_at=self.assigned_at, due_at=self.due_at,
            replied_at=self.replied_at, closed_at=self.closed_at,
        )  # fmt: skip

    @property
    def state_colour(self) -> str:
        return STATE_COLOURS.get(State(self.state), "secondary")

    @classmethod
    def withheld_q(cls, scope: UserScope) -> Q | None:
        # A case made from a sensitive module's row is that module's: nobody else sees it, whatever their
        # territory or part in it (a superuser included), but the engine that registers and scans it.
        kinds = () if scope.is_system else withheld_kinds(scope)
        return Q(source_kind__in=kinds) if kinds else None

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # Whoever acts on a case sees it wherever it lies: its handler, the responsible, supervising
        # and co-operating units.
        if scope.user_id is None:
            return None
        condition = Q(handler__user_id=scope.user_id)
        if scope.unit_id:
            cooperating = cls.cooperating_units.through.objects.filter(unit_id=scope.unit_id)
            condition |= (
                Q(responsible_unit_id=scope.unit_id)
                | Q(supervising_unit_id=scope.unit_id)
                | Q(pk__in=cooperating.values("case_id"))
            )
        return condition


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("registered")
    ASSIGNED = "assigned", _("assigned")
    ACCEPTED = "accepted", _("accepted")
    REPLIED = "replied", _("reply submitted")
    RETURNED = "returned", _("returned")
    CLOSED = "closed", _("verified and closed")
    REASSIGNED = "reassigned", _("reassigned")
    EXTENSION_REQUESTED = "extension_requested", _("extension requested")
    EXTENDED = "extended", _("deadline extended")
    EXTENSION_REFUSED = "extension_refused", _("extension refused")
    SUSPENDED = "suspended", _("suspended (clock stopped)")
    WAITING = "waiting", _("clock stopped: waiting on the other party")
    RESUMED = "resumed", _("resumed")
    CANCELLED = "cancelled", _("cancelled")
    REOPENED = "reopened", _("reopened")
    NOTE = "note", _("note")
    EDITED = "edited", _("details changed")
    REMINDED = "reminded", _("reminder")
    OVERDUE = "overdue", _("overdue")
    ESCALATED = "escalated", _("escalated")


class CaseEventQuerySet(models.QuerySet):
    def for_user(self, user: Any) -> CaseEventQuerySet:
        """A timeline entry is seen by whoever sees its case."""
        return self.filter(case__in=Case.objects.for_user(user))


class CaseEvent(models.Model):
    """One entry of a case's timeline (办理记录): who did what, when, with their note — the human
    journal beside the machine history of field changes."""

    # A case is deleted only while merely registered (Case.delete); its timeline goes with it.
    # Indexed by (case, at) below; every index costs the scan, which writes thousands of events at once.
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events", db_index=False
    )
    kind = models.CharField(_("action"), max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    # What the act changed beyond the state (units, deadlines), for the timeline and the API.
    data = models.JSONField(_("details"), default=dict, blank=True)
    attachments = models.ManyToManyField(
        Attachment, verbose_name=_("attachments"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["case", "at"], name="cases_event_case_at")]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_kind_display()}"


class CaseCounter(models.Model):
    """The last case number given out in a year: one row per year, incremented under its row lock."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case number counter")
        verbose_name_plural = _("case number counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class HolidayOverride(LedgerModel):
    """The city's correction of the official calendar: a day off or a make-up working day (调休).

    Entering any day of a year the holiday library does not know yet makes that year known: enter a
    newly published year's schedule whole (each holiday and each make-up working day).
    """

    scope_module = "cases"
    # The calendar is everyone's in the module; who may change it is the permission's matter.
    scope_division_field = CITY_WIDE

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Ticked: a make-up working day (调休). Unticked: a day off."),
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("e.g. 春节 or 国庆节调休上班"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar correction")
        verbose_name_plural = _("calendar corrections")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("cases:holidayoverride_detail", args=[self.pk])
