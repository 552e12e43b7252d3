"""The ledger forms of dues (arrangements, reductions, payments) and points (rules, manual entries, the
yearly close): the same rules on a page, in an import and through the API. A payment and a manual entry
are checked and written by their services (heluo.party.services.dues and .points)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm

from .models import DuesArrangement, DuesPayment, DuesReduction, PointsEntry, PointsRule, PointsYear
from .rules.dues import month_start
from .services import dues, points


class DuesArrangementForm(LedgerForm):
    class Meta:
        model = DuesArrangement
        fields = ["organisation", "quarterly_allowed", "farmer_amount", "records_from", "notes"]
        widgets = {"records_from": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean_records_from(self) -> dt.date | None:
        day = self.cleaned_data.get("records_from")
        return month_start(day) if day else None


class DuesReductionForm(LedgerForm):
    class Meta:
        model = DuesReduction
        fields = ["member", "start", "end", "exempt", "amount", "approved_by", "reason"]
        widgets = {"start": DateInput(), "end": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}


class DuesPaymentForm(LedgerForm):
    """One act of payment: a month, or three when `quarter` and the branch agrees; `amount` is each
    month's and must be the member's dues for it."""

    quarter = forms.BooleanField(
        label=_("pay this month and the next two"), required=False,
        help_text=_("Quarterly payment, when the branch has agreed to it."),
    )  # fmt: skip

    class Meta:
        model = DuesPayment
        fields = ["member", "month", "amount", "paid_on", "paid_by", "method", "note"]
        widgets = {"month": DateInput(), "paid_on": DateInput()}

    def clean_month(self) -> dt.date:
        return month_start(self.cleaned_data["month"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        needed = ("member", "month", "amount", "paid_on", "paid_by")
        if all(cleaned.get(name) is not None for name in needed) and not self.errors:
            try:
                dues.check_payment(
                    cleaned["member"], cleaned["month"], cleaned["amount"], cleaned["paid_on"], cleaned["paid_by"],
                    quarter=bool(cleaned.get("quarter")) and not self.instance.pk, instance=self.instance,
                )  # fmt: skip
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


def save_payment(form: forms.ModelForm, user: Any) -> DuesPayment:
    """The ledger's saver: a new payment through record_payment (a quarter is three rows), a change as is."""
    data = form.cleaned_data
    if form.instance.pk:
        form.instance._history_user = user
        return form.save()
    rows = dues.record_payment(
        data["member"], data["month"], data["amount"], data["paid_on"], data["paid_by"], user,
        method=data.get("method") or "cash", note=data.get("note") or "", quarter=bool(data.get("quarter")),
    )  # fmt: skip
    return rows[0]


class PointsRuleForm(LedgerForm):
    class Meta:
        model = PointsRule
        fields = ["code", "name", "category", "points_per_unit", "unit", "yearly_cap", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PointsEntryForm(LedgerForm):
    """A manual entry (bonus, deduction, a task the branch assigned): its reason and approver required.
    Entries of a source (a meeting, an activity) change only with their source."""

    class Meta:
        model = PointsEntry
        fields = ["member", "year", "rule", "points", "reason", "approved_by"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["points"].required = False
        self.fields["points"].help_text = _("Empty: the rule's points for one.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        member, rule, year = cleaned.get("member"), cleaned.get("rule"), cleaned.get("year")
        if member is None or rule is None or year is None:
            return cleaned
        value = cleaned.get("points")
        cleaned["points"] = value if value is not None else rule.points_per_unit
        try:
            points.check_manual(
                member,
                year,
                rule,
                Decimal(cleaned["points"]),
                cleaned.get("reason") or "",
                cleaned.get("approved_by") or "",
            )
            if self.instance.pk and self.instance.year != year:
                points.refuse_closed(self.instance.member, self.instance.year)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


def save_entry(form: forms.ModelForm, user: Any) -> PointsEntry:
    data = form.cleaned_data
    if form.instance.pk:
        form.instance._history_user = user
        return form.save()
    return points.add_manual_points(
        data["member"],
        data["rule"].code,
        data["points"],
        data["reason"],
        data["approved_by"],
        user,
        year=data["year"],
    )


def refuse_source_entry(user: Any, entry: Any) -> str | None:
    if entry.content_type_id is not None:
        return str(_("This entry comes from its source (a meeting, an activity): change the source instead."))
    closed = points.closed_for(entry.member, entry.year)
    if closed is not None:
        return str(_("The points of this year are closed."))
    return None


class PointsYearForm(LedgerForm):
    """The yearly close of an organisation's points (it freezes the entries of its subtree for the year)."""

    class Meta:
        model = PointsYear
        fields = ["organisation", "year", "closed_on"]
        widgets = {"closed_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        organisation, year, day = cleaned.get("organisation"), cleaned.get("year"), cleaned.get("closed_on")
        if organisation is not None and year and day and not self.instance.pk:
            if year > day.year:
                self.add_error("year", _("A year not yet begun cannot be closed."))
            elif points.closed_for_organisation(organisation, year) is not None:
                self.add_error("year", _("This year is closed already (here or above)."))
        return cleaned


def save_close(form: forms.ModelForm, user: Any) -> PointsYear:
    data = form.cleaned_data
    if form.instance.pk:
        form.instance._history_user = user
        return form.save()
    return points.close_year(data["organisation"], data["year"], user, on=data["closed_on"])
