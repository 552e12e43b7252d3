"""The ledger forms of organisations, posts, members, transfers and term lengths: the same rules on a
page, in an import and through the API. A transfer's state and a member's leaving by transfer change
only through the transfer services (heluo.party.services.transfers)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm

from .models import Member, PartyOrganisation, Post, TermLength, Transfer
from .services.organisations import formation_refusal


class PartyOrganisationForm(LedgerForm):
    class Meta:
        model = PartyOrganisation
        fields = [
            "name",
            "kind",
            "field",
            "parent",
            "division",
            "unit",
            "established_on",
            "term_started_on",
            "notes",
        ]
        widgets = {
            "established_on": DateInput(),
            "term_started_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        refusal = formation_refusal(self.instance.pk, cleaned.get("kind", ""), cleaned.get("established_on"))
        if refusal:
            self.add_error("established_on", refusal)
        return cleaned


class TermLengthForm(LedgerForm):
    class Meta:
        model = TermLength
        fields = ["field", "years"]


class PostForm(LedgerForm):
    class Meta:
        model = Post
        fields = ["organisation", "member", "kind", "start", "end"]
        widgets = {"start": DateInput(), "end": DateInput()}


class MemberForm(LedgerForm):
    class Meta:
        model = Member
        fields = [
            "organisation", "group", "person", "name", "gender", "id_number", "birth_date", "phone", "status",
            "joined_on", "confirmed_on", "under_probation_discipline", "discipline_until", "dues_category",
            "monthly_income", "is_mobile", "mobile_location", "mobile_contact", "contact_branch", "left_on",
            "left_reason", "notes",
        ]  # fmt: skip
        widgets = {
            "birth_date": DateInput(),
            "joined_on": DateInput(),
            "confirmed_on": DateInput(),
            "discipline_until": DateInput(),
            "left_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("is_mobile") and not (
            cleaned.get("mobile_location") and cleaned.get("mobile_contact")
        ):
            self.add_error(
                "mobile_location", _("For a mobile member, say where they are and how to reach them.")
            )
        return cleaned


class TransferForm(LedgerForm):
    class Meta:
        model = Transfer
        fields = [
            "member",
            "direction",
            "counterpart",
            "counterpart_organisation",
            "across_provinces",
            "letter_issued_on",
            "notes",
        ]
        widgets = {"letter_issued_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class DayForm(forms.Form):
    """The day of an act (转正, 接收): today unless another day is given."""

    on = forms.DateField(label=_("on"), required=False, widget=DateInput())
