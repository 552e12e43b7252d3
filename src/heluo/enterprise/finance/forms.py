"""The financing ledgers' forms."""

from __future__ import annotations

from django import forms

from heluo.core.forms import DateInput, LedgerForm

from .models import Award, CoordinatedLoan, FinancingAgreement


class FinancingAgreementForm(LedgerForm):
    class Meta:
        model = FinancingAgreement
        fields = [
            "name", "bank", "counterpart", "beneficiary", "parent", "amount", "amount_kind", "term_years",
            "signed_on", "division", "notes",
        ]  # fmt: skip
        widgets = {"signed_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}


class CoordinatedLoanForm(LedgerForm):
    class Meta:
        model = CoordinatedLoan
        fields = ["enterprise", "bank", "amount", "granted_on", "division", "notes"]
        widgets = {"granted_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}


class AwardForm(LedgerForm):
    class Meta:
        model = Award
        fields = ["name", "level", "amount", "year", "beneficiary", "division", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
