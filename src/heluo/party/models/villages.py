"""四议两公开: a village's major matters (村级重大事项) decided in six steps — 党支部会提议 → 两委会商议 →
党员大会审议 → 村民(代表)会议决议 → 决议公开 → 实施结果公开. Steps are recorded only through
heluo.party.services.villages, which checks them with the pure procedure (heluo.party.rules.four_steps)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import LedgerModel

from ..rules import four_steps
from ..scope import tree_participation
from .organisations import PartyOrganisation

__all__ = ["Assembly", "MatterState", "MatterStep", "Step", "VillageMatter"]


class Step(models.IntegerChoices):
    PROPOSAL = four_steps.PROPOSAL, _("proposal by the branch committee")
    CONSULTATION = four_steps.CONSULTATION, _("consultation of the two committees")
    REVIEW = four_steps.REVIEW, _("review by the party members' meeting")
    RESOLUTION = four_steps.RESOLUTION, _("resolution of the villagers' (representatives') meeting")
    RESOLUTION_PUBLIC = four_steps.RESOLUTION_PUBLIC, _("resolution made public")
    RESULT_PUBLIC = four_steps.RESULT_PUBLIC, _("results made public")


class MatterState(models.TextChoices):
    """How far a matter has come: the last step recorded (or that its vote failed)."""

    NEW = "new", _("not yet proposed")
    PROPOSED = "proposed", _("proposed")
    CONSULTED = "consulted", _("consulted")
    REVIEWED = "reviewed", _("reviewed by the members")
    RESOLVED = "resolved", _("resolved by the villagers")
    RESOLUTION_PUBLIC = "resolution_public", _("resolution made public")
    COMPLETED = "completed", _("results made public")
    REJECTED = "rejected", _("not passed")


# The state a matter is in once a step is recorded and passed, by step number.
STATE_AFTER_STEP = {
    0: MatterState.NEW,
    1: MatterState.PROPOSED,
    2: MatterState.CONSULTED,
    3: MatterState.REVIEWED,
    4: MatterState.RESOLVED,
    5: MatterState.RESOLUTION_PUBLIC,
    6: MatterState.COMPLETED,
}


class Assembly(models.TextChoices):
    VILLAGERS = four_steps.VILLAGERS, _("villagers' meeting")
    REPRESENTATIVES = four_steps.REPRESENTATIVES, _("villagers' representatives' meeting")


class VillageMatter(LedgerModel):
    """A village's major matter put through 四议两公开 by its party branch."""

    scope_module = "party"
    scope_division_field = "organisation__division"
    participation_q = classmethod(tree_participation("organisation"))

    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name=_("village party organisation"), on_delete=models.PROTECT,
        related_name="village_matters",
    )  # fmt: skip
    title = models.CharField(_("matter"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    secretary_is_chair = models.BooleanField(
        _("secretary is also the village committee chair"), default=False,
        help_text=_("一肩挑: the proposal and the consultation may then be one meeting."),
    )  # fmt: skip
    state = models.CharField(
        _("state"), max_length=20, choices=MatterState.choices, default=MatterState.NEW, editable=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("village major matter")
        verbose_name_plural = _("village major matters (四议两公开)")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("party:villagematter_detail", args=[self.pk])


class MatterStep(LedgerModel):
    """One step of a matter as recorded: its day, minutes, those who should attend and those present,
    and the votes; for step 4 the kind of meeting and the households; for 5 and 6 the publication."""

    scope_module = "party"
    scope_division_field = "matter__organisation__division"
    participation_q = classmethod(tree_participation("matter__organisation"))

    matter = models.ForeignKey(
        VillageMatter, verbose_name=_("matter"), on_delete=models.PROTECT, related_name="steps"
    )
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    joint = models.BooleanField(
        _("proposal and consultation in one meeting"), default=False,
        help_text=_("Only where the secretary is also the village committee chair (一肩挑)."),
    )  # fmt: skip
    held_on = models.DateField(_("meeting held on"), null=True, blank=True)
    minutes = models.TextField(_("meeting minutes"), blank=True)
    assembly = models.CharField(_("kind of meeting"), max_length=20, choices=Assembly.choices, blank=True)
    expected = models.PositiveIntegerField(
        _("should attend"), default=0,
        help_text=_(
            "Committee members; members with a vote; adult villagers; or the representatives, by step."
        ),
    )  # fmt: skip
    present = models.PositiveIntegerField(_("present"), default=0)
    in_favour = models.PositiveIntegerField(_("in favour"), default=0)
    against = models.PositiveIntegerField(_("against"), default=0)
    abstained = models.PositiveIntegerField(_("abstained"), default=0)
    households = models.PositiveIntegerField(_("households"), default=0)
    households_present = models.PositiveIntegerField(_("households present"), default=0)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_where = models.CharField(_("published where"), max_length=120, blank=True)
    passed = models.BooleanField(_("passed"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("四议两公开 step")
        verbose_name_plural = _("四议两公开 steps")
        ordering = ["matter", "step"]
        constraints = [models.UniqueConstraint(fields=["matter", "step"], name="party_matter_step_unique")]

    def __str__(self) -> str:
        return f"{self.matter}:{self.get_step_display()}"

    def get_absolute_url(self) -> str:
        return reverse("party:matterstep_detail", args=[self.pk])

    @property
    def on(self) -> dt.date | None:
        return self.published_on if self.step in four_steps.PUBLICATIONS else self.held_on

    def as_record(self) -> four_steps.StepRecord:
        """The step as the pure procedure reads it (a step without its day is refused before this)."""
        return four_steps.StepRecord(
            step=self.step, on=self.on or dt.date.min, expected=self.expected, present=self.present, in_favour=self.in_favour,
            against=self.against, abstained=self.abstained, assembly=self.assembly, households=self.households,
            households_present=self.households_present, joint=self.joint,
        )  # fmt: skip
