"""Training by the outline (按纲抓训, 民兵军事训练与考核大纲): the outline's subjects as data, with whom each is
for and the hours it requires a year; the sessions a unit holds; each member's attendance and assessment.

A unit's required hours a year are those of the subjects for its militia (primary units: the subjects for
primary militia, and for a specialist unit also its category's); rules/training.py says whether the unit
is behind them."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, LedgerModel

from .organisation import MilitiaMember, MilitiaUnit, UnitCategory


class Audience(models.TextChoices):
    CADRES = "cadres", _("militia cadres")
    PRIMARY = "primary", _("primary militia")
    SPECIALIST = "specialist", _("a specialist unit category")


class TrainingSubject(LedgerModel):
    """A subject of the training outline with the hours it requires a year, for cadres, for primary
    militia or for the units of one specialist category. The seeded subjects are defaults (migration
    0003: cadres about 30 days, militia 10–15 days; sources differ): a city sets its own."""

    scope_module = "militia"
    scope_division_field = CITY_WIDE

    name = models.CharField(_("name"), max_length=120)
    audience = models.CharField(_("for whom"), max_length=20, choices=Audience.choices)
    category = models.ForeignKey(
        UnitCategory, verbose_name=_("unit category"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="training_subjects", help_text=_("Only for the subjects of a specialist category."),
    )  # fmt: skip
    required_hours = models.DecimalField(
        _("required hours a year"), max_digits=6, decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("2000"))],
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training subject")
        verbose_name_plural = _("training subjects")
        ordering = ["order", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("militia:trainingsubject_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if (self.audience == Audience.SPECIALIST) != bool(self.category_id):
            raise ValidationError(
                {
                    "category": _(
                        "A subject for a specialist category names the category; other subjects do not."
                    )
                }
            )


class TrainingSession(LedgerModel):
    """A training session a unit held: the subject, the day, the hours, the place and the trainer."""

    scope_module = "militia"
    scope_division_field = "unit__division"

    unit = models.ForeignKey(
        MilitiaUnit,
        verbose_name=_("militia unit"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    subject = models.ForeignKey(
        TrainingSubject, verbose_name=_("training subject"), on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )  # fmt: skip
    place = models.CharField(_("place"), max_length=120)
    trainer = models.CharField(_("trainer"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit} {self.subject} {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("militia:trainingsession_detail", args=[self.pk])


class Assessment(models.TextChoices):
    EXCELLENT = "excellent", _("excellent")
    GOOD = "good", _("good")
    PASS = "pass", _("pass")
    FAIL = "fail", _("fail")


class TrainingAttendance(LedgerModel):
    """A member's attendance at a session and the assessment (优秀 / 良好 / 及格 / 不及格) when present."""

    scope_module = "militia"
    scope_division_field = "session__unit__division"
    access_logged = True

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("training session"),
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    member = models.ForeignKey(
        MilitiaMember, verbose_name=_("militia member"), on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("present"), default=True)
    assessment = models.CharField(_("assessment"), max_length=20, choices=Assessment.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendance records")
        ordering = ["session", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="militia_attendance_once_a_session")
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.member}"

    def get_absolute_url(self) -> str:
        return reverse("militia:trainingattendance_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.assessment and not self.present:
            raise ValidationError({"assessment": _("Only a member who was present is assessed.")})
