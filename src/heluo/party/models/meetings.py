"""三会一课 and 主题党日: the meetings a branch must hold (as data), the meetings it held with their
attendance per member and the motions voted, and the required periods found missed.

A meeting's attendance, motions, election flag and quorum are written together by
heluo.party.services.meetings.record_meeting (the recording page); the meeting ledger edits the
meeting's own facts (topic, place, agenda, minutes) and keeps its quorum in step with the attendance.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, LedgerModel

from ..rules import compliance, quorum
from ..scope import tree_participation
from .members import Member
from .organisations import PartyOrganisation

__all__ = ["Attendance", "AttendanceMode", "Frequency", "Meeting", "MeetingKind", "MeetingRequirement",
           "MissedMeeting", "Motion"]  # fmt: skip


class MeetingKind(models.TextChoices):
    MEMBER_MEETING = quorum.MEMBER_MEETING, _("branch member meeting")
    COMMITTEE_MEETING = quorum.COMMITTEE_MEETING, _("branch committee meeting")
    GROUP_MEETING = quorum.GROUP_MEETING, _("party group meeting")
    PARTY_LECTURE = quorum.PARTY_LECTURE, _("party lecture")
    THEME_DAY = quorum.THEME_DAY, _("theme party day")


class Frequency(models.TextChoices):
    MONTHLY = compliance.MONTHLY, _("monthly")
    QUARTERLY = compliance.QUARTERLY, _("quarterly")
    HALF_YEARLY = compliance.HALF_YEARLY, _("half-yearly")
    YEARLY = compliance.YEARLY, _("yearly")


class AttendanceMode(models.TextChoices):
    ON_SITE = quorum.ON_SITE, _("on site")
    ONLINE = quorum.ONLINE, _("online")
    EXCUSED = quorum.EXCUSED, _("excused")
    ABSENT = quorum.ABSENT, _("absent")


class MeetingRequirement(LedgerModel):
    """How often a kind of meeting must be held: city-wide (no organisation) as the city sets it, or an
    organisation's own requirement, which replaces the city's for that kind (seeded by post_migrate:
    支部党员大会 quarterly, 支委会, 党小组会 and 主题党日 monthly, 党课 quarterly)."""

    scope_module = "party"
    scope_division_field = CITY_WIDE

    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name=_("party organisation"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="meeting_requirements",
        help_text=_("Empty: the city's requirement for every branch."),
    )  # fmt: skip
    kind = models.CharField(_("meeting kind"), max_length=20, choices=MeetingKind.choices)
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    count = models.PositiveSmallIntegerField(
        _("meetings per period"), default=1, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting requirement")
        verbose_name_plural = _("meeting requirements")
        ordering = ["organisation__path", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="party_requirement_org_kind"),
        ]

    def __str__(self) -> str:
        where = self.organisation or _("city-wide")
        return f"{where} {self.get_kind_display()} {self.get_frequency_display()}"

    def get_absolute_url(self) -> str:
        return reverse("party:meetingrequirement_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        # One city-wide requirement per kind (a unique constraint cannot say so portably: nulls differ).
        if self.organisation_id is None and self.kind:
            others = MeetingRequirement.objects.filter(organisation__isnull=True, kind=self.kind).exclude(
                pk=self.pk
            )
            if others.exists():
                raise ValidationError(
                    {"kind": _("The city already has a requirement for this kind of meeting.")}
                )


class Meeting(LedgerModel):
    """A meeting held (三会一课 or 主题党日): its facts, minutes and photos (attachments), its attendance and
    motions, and whether it reached its quorum — an inquorate meeting is recorded only on purpose,
    without motions or an election, and does not count as a required meeting held."""

    scope_module = "party"
    scope_division_field = "organisation__division"
    participation_q = classmethod(tree_participation("organisation"))

    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name=_("party organisation"), on_delete=models.PROTECT,
        related_name="meetings", help_text=_("The branch; for a party group meeting, the party group."),
    )  # fmt: skip
    kind = models.CharField(_("meeting kind"), max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField(_("held on"))
    held_at = models.CharField(_("place"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("meeting minutes"), blank=True)
    is_election = models.BooleanField(_("election"), default=False, editable=False)
    online_platform = models.CharField(
        _("online platform"), max_length=100, blank=True,
        help_text=_("Where members attend online, e.g. 学习强国 video meeting."),
    )  # fmt: skip
    entitled = models.PositiveIntegerField(_("entitled to attend"), default=0, editable=False)
    present = models.PositiveIntegerField(_("present"), default=0, editable=False)
    quorate = models.BooleanField(_("quorum reached"), default=False, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party meeting")
        verbose_name_plural = _("party meetings")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.organisation} {self.get_kind_display()} {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("party:meeting_detail", args=[self.pk])

    @property
    def counts_as_held(self) -> bool:
        """A meeting counts for its required period when its kind has no quorum or it reached it."""
        return self.quorate or self.kind not in quorum.DECIDING_KINDS


class Attendance(LedgerModel):
    """One member at one meeting: on site, online (the platform named), excused (the reason) or absent.
    `had_vote` keeps whether they were entitled to vote on the meeting's day."""

    scope_module = "party"
    scope_division_field = "meeting__organisation__division"
    participation_q = classmethod(tree_participation("meeting__organisation"))

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="attendances"
    )
    mode = models.CharField(_("attendance"), max_length=10, choices=AttendanceMode.choices)
    platform = models.CharField(_("online platform"), max_length=100, blank=True)
    reason = models.CharField(_("reason for leave"), max_length=200, blank=True)
    had_vote = models.BooleanField(_("had a vote"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting attendance")
        verbose_name_plural = _("meeting attendances")
        ordering = ["meeting", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="party_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member.name} {self.get_mode_display()}"

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url()

    @property
    def is_present(self) -> bool:
        return quorum.is_present(self.mode)


class Motion(LedgerModel):
    """A motion put to the vote at a 支部党员大会 or 支委会, with its counts; `passed` per the rule (more
    than half of all entitled in favour, heluo.party.rules.quorum)."""

    scope_module = "party"
    scope_division_field = "meeting__organisation__division"
    participation_q = classmethod(tree_participation("meeting__organisation"))

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="motions"
    )
    text = models.CharField(_("motion"), max_length=300)
    in_favour = models.PositiveIntegerField(_("in favour"))
    against = models.PositiveIntegerField(_("against"), default=0)
    abstained = models.PositiveIntegerField(_("abstained"), default=0)
    passed = models.BooleanField(_("passed"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url()


class MissedMeeting(LedgerModel):
    """A required period that ended without the meetings required (one row per organisation, kind and
    period) and its supervision case. Holding a make-up meeting later does not remove the row nor close
    the case: the period was missed, and closing the case is its handler's act."""

    scope_module = "party"
    scope_division_field = "organisation__division"
    participation_q = classmethod(tree_participation("organisation"))

    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name=_("party organisation"), on_delete=models.PROTECT,
        related_name="missed_meetings",
    )  # fmt: skip
    kind = models.CharField(_("meeting kind"), max_length=20, choices=MeetingKind.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    required = models.PositiveSmallIntegerField(_("meetings required"))
    held = models.PositiveSmallIntegerField(_("meetings held"))
    case = models.OneToOneField(
        "cases.Case", verbose_name=_("supervision case"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="missed_party_meeting",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("missed meeting")
        verbose_name_plural = _("missed meetings")
        ordering = ["-period_start", "organisation__path", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "period_start"], name="party_missed_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.get_kind_display()} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        year = self.period_start.year
        return reverse("party:meeting_compliance", args=[self.organisation_id, year])
