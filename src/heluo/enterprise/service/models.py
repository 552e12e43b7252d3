"""Chief service officers (首席服务官) and the problems enterprises raise (企业反映问题台账).

An officer (a core Person) is assigned to enterprises (core Units of type enterprise), one officer per
enterprise at a time; their visits are logged; each problem an enterprise raises is a supervision case
(heluo.cases) with a responsible unit and a deadline from the time limits, which are data. Closing a
problem's case needs the follow-up call (回访) recorded first (enterprise.service.services).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, LedgerModel, Person, Unit, UserScope

__all__ = [
    "FollowUp",
    "OfficerAssignment",
    "Problem",
    "ProblemCategory",
    "Satisfaction",
    "Stage",
    "TimeLimit",
    "Visit",
]

ENTERPRISE = {"unit_type__code": "enterprise"}


class ProblemCategory(LedgerModel):
    """What a problem is about (资金, 土地, 用电, 审批, 经营环境, 其他): data a city extends."""

    scope_module = "enterprise"
    scope_division_field = CITY_WIDE

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problem category")
        verbose_name_plural = _("problem categories")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprise:problemcategory_detail", args=[self.pk])


class Stage(models.TextChoices):
    """The stages of handling a problem, each with its time limit in working days (docs/enterprise.md)."""

    REPORT = "report", _("report received")
    OPINION = "opinion", _("opinion given")
    DONE = "done", _("done")
    FEEDBACK = "feedback", _("feedback to the enterprise")
    MISDIRECTED = "misdirected", _("sent back when misdirected")


class TimeLimit(LedgerModel):
    """How many working days a stage may take: the default for every problem (no category), or for the
    problems of one category. Seeded with the common practice (1, 2, 5, 1; 2 to send a misdirected
    problem back); an administrator changes them."""

    scope_module = "enterprise"
    scope_division_field = CITY_WIDE

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    category = models.ForeignKey(
        ProblemCategory,
        verbose_name=_("problem category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="time_limits",
        help_text=_("Empty: the default for every category."),
    )
    working_days = models.PositiveSmallIntegerField(
        _("working days"), validators=[MinValueValidator(1), MaxValueValidator(250)]
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["category__order", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "category"],
                name="enterprise_timelimit_category_unique",
                violation_error_message=_("This stage already has a time limit for this category."),
            ),
        ]

    def __str__(self) -> str:
        scope = self.category.name if self.category is not None else _("default")
        return f"{self.get_stage_display()}（{scope}）{self.working_days}"

    def get_absolute_url(self) -> str:
        return reverse("enterprise:timelimit_detail", args=[self.pk])

    def clean(self) -> None:
        # One default per stage. Not a conditional unique constraint: core's uniqueness check would hold
        # the default row against every category's row of the stage.
        if self.stage and self.category_id is None:
            defaults = TimeLimit.objects.filter(stage=self.stage, category__isnull=True).exclude(pk=self.pk)
            if defaults.exists():
                raise ValidationError({"stage": _("This stage already has a default time limit.")})


class OfficerAssignment(LedgerModel):
    """A chief service officer serving an enterprise from `start` (to `end`): one officer per enterprise
    at a time."""

    scope_module = "enterprise"
    scope_division_field = "enterprise__division"

    officer = models.ForeignKey(
        Person, verbose_name=_("chief service officer"), on_delete=models.PROTECT, related_name="+"
    )
    enterprise = models.ForeignKey(
        Unit,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=ENTERPRISE,
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("officer assignment")
        verbose_name_plural = _("officer assignments")
        ordering = ["enterprise__name", "-start"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=Q(end__isnull=True),
                name="enterprise_assignment_one_current",
                violation_error_message=_("This enterprise already has a chief service officer."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer.name} → {self.enterprise.name}"

    def get_absolute_url(self) -> str:
        return reverse("enterprise:officerassignment_detail", args=[self.pk])

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot come before the start.")})
        if not (self.enterprise_id and self.start):
            return
        overlapping = OfficerAssignment.objects.filter(enterprise_id=self.enterprise_id).exclude(pk=self.pk)
        overlapping = overlapping.filter(Q(end__isnull=True) | Q(end__gte=self.start))
        if self.end is not None:
            overlapping = overlapping.filter(start__lte=self.end)
        other = overlapping.select_related("officer").first()
        if other is not None:
            raise ValidationError(
                {"start": _("%(officer)s serves this enterprise then: one officer at a time.")
                 % {"officer": other.officer.name}}
            )  # fmt: skip


class Visit(LedgerModel):
    """An officer's visit to an enterprise (走访): what was discussed; problems raised link to it."""

    scope_module = "enterprise"
    scope_division_field = "enterprise__division"

    officer = models.ForeignKey(
        Person, verbose_name=_("chief service officer"), on_delete=models.PROTECT, related_name="+"
    )
    enterprise = models.ForeignKey(
        Unit,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=ENTERPRISE,
    )
    date = models.DateField(_("date"))
    discussed = models.TextField(_("what was discussed"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["officer", "date"], name="enterprise_visit_officer")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.enterprise.name}"

    def get_absolute_url(self) -> str:
        return reverse("enterprise:visit_detail", args=[self.pk])


class Problem(LedgerModel):
    """A problem an enterprise raised (企业反映问题), supervised as a case opened when it is recorded."""

    scope_module = "enterprise"
    scope_division_field = "enterprise__division"

    enterprise = models.ForeignKey(
        Unit,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=ENTERPRISE,
    )
    category = models.ForeignKey(ProblemCategory, verbose_name=_("category"), on_delete=models.PROTECT)
    description = models.TextField(_("description"))
    raised_on = models.DateField(_("raised on"))
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="+"
    )
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("raised during the visit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
    )
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("supervised case"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="enterprise_problem",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enterprise problem")
        verbose_name_plural = _("enterprise problems")
        ordering = ["-raised_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise.name}：{self.description[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("enterprise:problem_detail", args=[self.pk])

    def clean(self) -> None:
        visit = self.visit
        if visit is None:
            return
        if self.enterprise_id and visit.enterprise_id != self.enterprise_id:
            raise ValidationError({"visit": _("That visit was to another enterprise.")})
        if self.raised_on and visit.date > self.raised_on:
            raise ValidationError(
                {"raised_on": _("A problem raised during a visit is raised on its day or later.")}
            )

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # The responsible unit sees the problems it must solve, wherever the enterprise lies.
        return Q(responsible_unit_id=scope.unit_id) if scope.unit_id else None


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    FAIRLY = "fairly", _("fairly satisfied")
    UNSATISFIED = "unsatisfied", _("unsatisfied")


class FollowUp(LedgerModel):
    """The follow-up call (回访) to the enterprise after its problem was handled: required before the
    problem's case closes; an unsatisfied answer sends it back to the unit."""

    scope_module = "enterprise"
    scope_division_field = "problem__enterprise__division"

    problem = models.ForeignKey(
        Problem, verbose_name=_("enterprise problem"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    called_on = models.DateField(_("called on"))
    called_by = models.CharField(_("called by"), max_length=60)
    satisfaction = models.CharField(_("satisfaction"), max_length=20, choices=Satisfaction.choices)
    remarks = models.TextField(_("remarks"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up call")
        verbose_name_plural = _("follow-up calls")
        ordering = ["called_on", "pk"]

    def __str__(self) -> str:
        return f"{self.called_on:%Y-%m-%d} {self.get_satisfaction_display()}"

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        return Q(problem__responsible_unit_id=scope.unit_id) if scope.unit_id else None

    def get_absolute_url(self) -> str:
        return self.problem.get_absolute_url()
