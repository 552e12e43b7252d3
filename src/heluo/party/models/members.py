"""Party members (党员) on a branch's roll — full or probationary, 流动党员 away from home — and the
transfers of their organisation relation (组织关系转接) in and out of Heluo's branches."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import Gender, LedgerModel, Person

from ..scope import tree_participation
from .organisations import PartyOrganisation

__all__ = [
    "DuesCategory",
    "LeftReason",
    "Member",
    "MemberStatus",
    "Transfer",
    "TransferDirection",
    "TransferState",
]


class MemberStatus(models.TextChoices):
    PROBATIONARY = "probationary", _("probationary member")
    FULL = "full", _("full member")


class DuesCategory(models.TextChoices):
    IN_SERVICE = "in_service", _("in service")
    RETIRED = "retired", _("retired")
    FARMER = "farmer", _("farmer")
    STUDENT = "student", _("student")
    UNEMPLOYED = "unemployed", _("laid off or unemployed")
    LOW_INCOME = "low_income", _("on minimum living allowance")
    RELIEF = "relief", _("living on pension or relief")


class LeftReason(models.TextChoices):
    TRANSFERRED_OUT = "transferred_out", _("transferred out")
    DECEASED = "deceased", _("deceased")
    EXPELLED = "expelled", _("removed or expelled")
    WITHDREW = "withdrew", _("withdrew from the party")


class Member(LedgerModel):
    """A party member on the roll of a branch (`organisation`), in a party group if the branch has
    them. Probationary members and members under 留党察看 have no vote (`has_vote`). `person` links the
    member to core's Person, and through it to an account: a member holding a post sees the tree below."""

    scope_module = "party"
    scope_division_field = "organisation__division"
    participation_q = classmethod(tree_participation("organisation"))
    sensitive_fields = ("id_number",)
    full_view_permission = "core.view_document_number"
    access_logged = True

    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name=_("branch"), on_delete=models.PROTECT, related_name="members",
        help_text=_("The branch whose roll holds the member."),
    )  # fmt: skip
    group = models.ForeignKey(
        PartyOrganisation, verbose_name=_("party group"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="group_members",
    )  # fmt: skip
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="party_memberships",
    )  # fmt: skip
    name = models.CharField(_("full name"), max_length=60)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    id_number = models.CharField(_("ID number"), max_length=30, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MemberStatus.choices)
    joined_on = models.DateField(_("joined on"), help_text=_("The day admitted as a probationary member."))
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    under_probation_discipline = models.BooleanField(_("on probation within the party"), default=False)
    discipline_until = models.DateField(_("probation within the party until"), null=True, blank=True)
    dues_category = models.CharField(
        _("dues category"), max_length=20, choices=DuesCategory.choices, default=DuesCategory.IN_SERVICE
    )
    monthly_income = models.DecimalField(
        _("monthly income"), max_digits=10, decimal_places=2, null=True, blank=True,
        help_text=_("Monthly pay after tax, in yuan: the base of the dues."),
    )  # fmt: skip
    is_mobile = models.BooleanField(_("mobile member"), default=False)
    mobile_location = models.CharField(_("where they are"), max_length=120, blank=True)
    mobile_contact = models.CharField(_("how to reach them"), max_length=120, blank=True)
    contact_branch = models.ForeignKey(
        PartyOrganisation, verbose_name=_("branch keeping in touch"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="mobile_contacts",
    )  # fmt: skip
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=LeftReason.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["organisation__path", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("party:member_detail", args=[self.pk])

    @property
    def has_vote(self) -> bool:
        """Full members not under 留党察看 vote, elect and stand; probationary members do not."""
        return self.status == MemberStatus.FULL and not self.under_probation_discipline

    @property
    def is_current(self) -> bool:
        return self.left_on is None

    def clean(self) -> None:
        super().clean()
        self.id_number = self.id_number.strip().upper()
        if self.status == MemberStatus.FULL and self.joined_on and self.confirmed_on is None:
            raise ValidationError({"confirmed_on": _("A full member has a confirmation date.")})
        if self.confirmed_on and self.joined_on and self.confirmed_on < self.joined_on:
            raise ValidationError({"confirmed_on": _("A member is confirmed after joining.")})
        if self.status == MemberStatus.PROBATIONARY and self.confirmed_on:
            raise ValidationError({"confirmed_on": _("A probationary member has no confirmation date yet.")})
        if bool(self.left_on) != bool(self.left_reason):
            raise ValidationError(
                {"left_reason": _("Give both the day and the reason of leaving, or neither.")}
            )
        if self.group_id and self.organisation_id and self.group.parent_id != self.organisation_id:
            raise ValidationError({"group": _("The party group is not one of the member's branch.")})


class TransferDirection(models.TextChoices):
    IN = "in", _("transfer in")
    OUT = "out", _("transfer out")


class TransferState(models.TextChoices):
    ISSUED = "issued", _("letter issued")
    RECEIVED = "received", _("received")
    LAPSED = "lapsed", _("lapsed")
    RETURNED = "returned", _("returned")


class Transfer(LedgerModel):
    """A transfer of a member's organisation relation (组织关系转接): the letter issued, valid until
    `lapses_on` (3 months, 6 across provinces: heluo.party.rules.terms), received or lapsed."""

    scope_module = "party"
    scope_division_field = "member__organisation__division"
    participation_q = classmethod(tree_participation("member__organisation"))
    access_logged = True

    member = models.ForeignKey(
        Member, verbose_name=_("party member"), on_delete=models.PROTECT, related_name="transfers"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=TransferDirection.choices)
    counterpart = models.CharField(
        _("other organisation"), max_length=120, help_text=_("Where the relation goes to or comes from.")
    )
    counterpart_organisation = models.ForeignKey(
        PartyOrganisation, verbose_name=_("other organisation in Heluo"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="transfers_counterpart",
    )  # fmt: skip
    across_provinces = models.BooleanField(_("across provinces"), default=False)
    letter_issued_on = models.DateField(_("letter issued on"))
    lapses_on = models.DateField(_("letter lapses on"), editable=False)
    state = models.CharField(
        _("state"), max_length=20, choices=TransferState.choices, default=TransferState.ISSUED, editable=False
    )
    received_on = models.DateField(_("received on"), null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation relation transfer")
        verbose_name_plural = _("organisation relation transfers")
        ordering = ["-letter_issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.member} {self.get_direction_display()} {self.counterpart}"

    def get_absolute_url(self) -> str:
        return reverse("party:transfer_detail", args=[self.pk])

    def save(self, *args: object, **kwargs: object) -> None:
        from ..rules.terms import letter_lapses_on

        if self.letter_issued_on:
            self.lapses_on = letter_lapses_on(self.letter_issued_on, across_provinces=self.across_provinces)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
