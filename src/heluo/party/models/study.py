"""Study (两学一做, 主题教育): the sessions an organisation holds, their materials (attachments), and each
member's record of a session — hours and whether on site or online. A member's hours in a year are the
sum of their records (heluo.party.services.study.member_hours)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import LedgerModel

from ..rules import quorum
from ..scope import tree_participation
from .members import Member
from .organisations import PartyOrganisation

__all__ = ["StudyCampaign", "StudyMode", "StudyRecord", "StudySession"]

HOURS_VALIDATORS = [MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal(24))]


class StudyCampaign(models.TextChoices):
    TWO_STUDIES = "two_studies", _("two studies, one action")
    THEME_EDUCATION = "theme_education", _("theme education")
    OTHER = "other", _("other study")


class StudyMode(models.TextChoices):
    ON_SITE = quorum.ON_SITE, _("on site")
    ONLINE = quorum.ONLINE, _("online")


class StudySession(LedgerModel):
    """A study session (学习) of an organisation: topic, campaign, day, length; its materials are its
    attachments."""

    scope_module = "party"
    scope_division_field = "organisation__division"
    participation_q = classmethod(tree_participation("organisation"))

    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name=_("party organisation"), on_delete=models.PROTECT,
        related_name="study_sessions",
    )  # fmt: skip
    topic = models.CharField(_("topic"), max_length=200)
    campaign = models.CharField(_("campaign"), max_length=20, choices=StudyCampaign.choices)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=3, decimal_places=1, validators=HOURS_VALIDATORS)
    held_at = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.topic} {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("party:studysession_detail", args=[self.pk])


class StudyRecord(LedgerModel):
    """A member's part in a study session: the hours they studied (at most the session's) and how."""

    scope_module = "party"
    scope_division_field = "session__organisation__division"
    participation_q = classmethod(tree_participation("session__organisation"))

    session = models.ForeignKey(
        StudySession, verbose_name=_("study session"), on_delete=models.PROTECT, related_name="records"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="study_records"
    )
    hours = models.DecimalField(_("hours"), max_digits=3, decimal_places=1, validators=HOURS_VALIDATORS)
    mode = models.CharField(
        _("attendance"), max_length=10, choices=StudyMode.choices, default=StudyMode.ON_SITE
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("study record")
        verbose_name_plural = _("study records")
        ordering = ["session", "member__name"]
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="party_study_record_once")]

    def __str__(self) -> str:
        return f"{self.member.name} {self.session}"

    def get_absolute_url(self) -> str:
        return reverse("party:studyrecord_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.session_id and self.hours is not None and self.hours > self.session.hours:
            raise ValidationError(
                {"hours": _("A member cannot study longer than the session: %(hours)s hours.")
                 % {"hours": self.session.hours}}
            )  # fmt: skip
        if (
            self.session_id
            and self.member_id
            and not self.member.organisation.path.startswith(self.session.organisation.path)
        ):
            raise ValidationError(
                {"member": _("The member does not belong to the organisation that held the session.")}
            )
