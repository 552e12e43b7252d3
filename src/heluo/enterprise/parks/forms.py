"""The science parks' ledger forms: the same rules on a page, in an import and through the API."""

from __future__ import annotations

from django import forms

from heluo.core.forms import DateInput, LedgerForm

from .models import EnterpriseYear, Park, ParkEnterprise, Qualification, QualificationAward


class ParkForm(LedgerForm):
    class Meta:
        model = Park
        fields = ["name", "division", "operator", "land_area", "floor_area", "converted_from", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ParkEnterpriseForm(LedgerForm):
    class Meta:
        model = ParkEnterprise
        fields = ["park", "enterprise", "industry", "incubating", "entered", "left", "notes"]
        widgets = {"entered": DateInput(), "left": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class QualificationForm(LedgerForm):
    class Meta:
        model = Qualification
        fields = ["code", "name", "order", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class QualificationAwardForm(LedgerForm):
    class Meta:
        model = QualificationAward
        fields = ["enterprise", "qualification", "obtained", "valid_until", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class EnterpriseYearForm(LedgerForm):
    class Meta:
        model = EnterpriseYear
        fields = ["enterprise", "year", "revenue", "rd_spend", "employees", "ip_applications", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
