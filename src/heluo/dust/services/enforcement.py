"""Enforcement (执法): recording measures (the one write path of pages, imports, the API and the demo),
the ladder's suggestion, stop-work and its lifting, the 按日连续处罚 counts and the blacklist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import Case, CaseCategory, State
from heluo.cases.services.opening import AssignmentPolicy, open_case
from heluo.cases.services.registration import Registration
from heluo.core.scope import may
from heluo.core.services.accounts import system_operator

from ..models import (
    BlacklistEntry,
    CountEnd,
    Ladder,
    LegalBasis,
    Measure,
    MeasureKind,
    PenaltyCount,
    PenaltyFinding,
    Site,
    SiteState,
)
from ..models.enforcement import blacklisting
from ..rules import penalty
from .sites import site_responsible

# The case category and source kind of orders to correct.
CASE_CATEGORY = "dust"
SOURCE_KIND = "dust_measure"


def penalty_refusal(error: penalty.PenaltyError) -> str:
    """The officer's words for a count the rule refuses."""
    values = {"day": error.day.isoformat(), "other": error.other.isoformat()}
    if error.code == penalty.NOT_AFTER_SERVICE:
        return _("The re-inspection of %(day)s is not after the order was served on %(other)s.") % values
    if error.code == penalty.OUT_OF_ORDER:
        return _("The re-inspections are out of order: %(day)s does not come after %(other)s.") % values
    if error.code == penalty.AFTER_END:
        return (
            _(
                "The count ended on %(other)s: a breach found on %(day)s is a new breach and needs a new order."
            )
            % values
        )
    return _("The daily amount must be above zero.")


# --- the ladder -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """What the ladder in force brings for the site's next breach."""

    ladder: Ladder
    step: int
    kind: str
    legal_basis: LegalBasis
    amount: Decimal | None
    stop_days: int | None

    @property
    def kind_label(self) -> str:
        return str(MeasureKind(self.kind).label)


def breaches_within(site: Site, on: dt.date, days: int) -> int:
    """The site's breaches (measures that took a ladder step) served in the `days` up to `on`."""
    return Measure.objects.filter(
        site=site, ladder_step__isnull=False, served_on__gt=on - dt.timedelta(days=days), served_on__lte=on
    ).count()


def suggest_measure(site: Site, on: dt.date) -> Suggestion | None:
    """The ladder step a new breach of `site` on `on` brings: the first, second or third (and the third
    again after that) by the breaches within the ladder's period. A fine step is the top of the
    ladder's legal basis (顶格处罚). None when no ladder is in force."""
    ladder = Ladder.objects.filter(in_force=True).select_related("legal_basis").first()
    if ladder is None:
        return None
    step = min(breaches_within(site, on, ladder.period_days) + 1, 3)
    kind, stop_days = ladder.step(step)
    amount = ladder.legal_basis.fine_max if kind == MeasureKind.FINE else None
    return Suggestion(ladder, step, kind, ladder.legal_basis, amount, stop_days)


# --- measures -------------------------------------------------------------------------------------------


def save_measure(form: forms.ModelForm, user: Any) -> Measure:
    """The measure ledger's saver (pages, imports, the API): see `record_measure`."""
    return record_measure(form.instance, by=user)


@transaction.atomic
def record_measure(measure: Measure, *, by: Any) -> Measure:
    """Validate and store a measure as `by`, with what it brings when new:

    - an order to correct opens a supervision case for the site's grid officer, due on its date;
    - a stop-work order stops the site (停工) until `lift_stop_work`, and ends the site's running
      daily-penalty counts (the stop ends the breach);
    - an exclusion from the market puts the contractor on the blacklist until its end.

    Raises ValidationError and writes nothing when the measure is invalid.
    """
    measure.full_clean()
    new = measure.pk is None
    measure._history_user = by  # type: ignore[attr-defined]
    measure.save()
    if not new:
        return measure
    site = measure.site
    if measure.kind == MeasureKind.ORDER:
        measure.case = _open_order_case(measure)
        measure.save(update_fields=["case", "updated_at"])
    elif measure.kind == MeasureKind.STOP_WORK:
        _set_state(site, SiteState.STOPPED, by)
        for count in running_counts(site):
            end_count(count, on=measure.served_on, reason=CountEnd.STOPPED, by=by)
    elif measure.kind == MeasureKind.MARKET_EXCLUSION and measure.until is not None:  # clean requires it
        entry = BlacklistEntry(
            enterprise=site.contractor, start=measure.served_on, until=measure.until, measure=measure,
            reason=_("%(measure)s on %(site)s under %(basis)s.")
            % {"measure": measure.get_kind_display(), "site": site, "basis": measure.legal_basis},
            is_demo=measure.is_demo,
        )  # fmt: skip
        entry.full_clean()
        entry._history_user = by  # type: ignore[attr-defined]
        entry.save()
    return measure


def _set_state(site: Site, state: str, by: Any) -> None:
    site.state = state
    site._history_user = by  # type: ignore[attr-defined]
    site.save()


def _open_order_case(measure: Measure) -> Case:
    site = measure.site
    responsible = site_responsible(site)
    description = _(
        "%(measure)s served on %(served)s under %(basis)s. Responsible unit: the contractor %(contractor)s."
    ) % {
        "measure": measure.get_kind_display(), "served": measure.served_on, "basis": measure.legal_basis,
        "contractor": site.contractor,
    }  # fmt: skip
    registration = Registration(
        title=(_("%(site)s: order to correct") % {"site": site})[:200],
        category=CaseCategory.objects.get(code=CASE_CATEGORY), division=site.division,
        description=description, source_kind=SOURCE_KIND, source_reference=f"MEASURE-{measure.pk}",
        address=site.address, requested_due_date=measure.deadline, requirements=measure.note,
    )  # fmt: skip
    policy = AssignmentPolicy(
        officers=responsible.officers, area=responsible.area, unit=site.contractor, due_date=measure.deadline,
        note=_("Assigned automatically to the site's grid officer."),
    )  # fmt: skip
    return open_case(registration, source=measure, policy=policy)


def order_case_changed(case: Any) -> None:
    """The cases engine's hook for orders to correct: closing the case verifies the correction, which
    ends the order's running daily-penalty counts on the day it closed."""
    if case.state != State.CLOSED:
        return
    on = timezone.localdate()
    for count in PenaltyCount.objects.filter(order_id=case.source_id, ended_on__isnull=True):
        end_count(count, on=on, reason=CountEnd.CORRECTED, by=system_operator())


# --- stop-work ------------------------------------------------------------------------------------------


class Reinspection(Protocol):
    """What lifting a stop-work reads of a re-inspection (dust's Inspection)."""

    site_id: int
    passed: bool
    performed_at: dt.datetime


@transaction.atomic
def lift_stop_work(site: Site, *, inspection: Reinspection, by: Any) -> Measure:
    """Lift the site's stop-work order after a passed re-inspection of this site made after the stop
    and at the end of its days stopped: the site is under construction again and the order records
    when and after what it was lifted. Raises ValidationError and changes nothing otherwise."""
    stop = (
        Measure.objects.select_for_update()
        .filter(site=site, kind=MeasureKind.STOP_WORK, lifted_on__isnull=True)
        .order_by("-served_on", "-pk")
        .first()
    )
    if stop is None:
        raise ValidationError(_("The site has no stop-work order to lift."))
    if inspection.site_id != site.pk:
        raise ValidationError(_("The re-inspection is of another site."))
    if not inspection.passed:
        raise ValidationError(_("Only a passed re-inspection lifts a stop-work order."))
    performed = timezone.localdate(inspection.performed_at)
    earliest = stop.served_on + dt.timedelta(days=stop.stop_days or 0)
    if performed <= stop.served_on or performed < earliest:
        raise ValidationError(
            _("The re-inspection must come after the stop, on %(date)s or later.") % {"date": earliest}
        )
    stop.lifted_on = performed
    stop.lifted_note = str(inspection)[:200]
    stop._history_user = by
    stop.save()
    _set_state(site, SiteState.UNDER_CONSTRUCTION, by)
    return stop


@transaction.atomic
def after_reinspection(site: Site, *, inspection: Reinspection, by: Any) -> None:
    """What a re-inspection of a site means for its enforcement (the inspection service calls this):
    a failed one found the breach again and extends each running daily-penalty count to its day; a
    passed one verifies the correction, ending the running counts, and lifts the stop-work when its
    days stopped have run (else the stop stands until a later passed re-inspection)."""
    on = timezone.localdate(inspection.performed_at)
    if not inspection.passed:
        for count in running_counts(site):
            last = count.findings.order_by("-on").values_list("on", flat=True).first()
            if on > count.order.served_on and (last is None or on > last):
                add_finding(count, on, reference=str(inspection), by=by)
        return
    for count in running_counts(site):
        end_count(count, on=on, reason=CountEnd.CORRECTED, by=by)
    stop = Measure.objects.filter(site=site, kind=MeasureKind.STOP_WORK, lifted_on__isnull=True).first()
    if (
        stop is not None
        and on > stop.served_on
        and on >= stop.served_on + dt.timedelta(days=stop.stop_days or 0)
    ):
        lift_stop_work(site, inspection=inspection, by=by)


# --- daily penalty counts -------------------------------------------------------------------------------


def running_counts(site: Site) -> QuerySet[PenaltyCount]:
    """The site's daily-penalty counts still running: a re-inspection that finds the breach again
    extends each (`add_finding`)."""
    return PenaltyCount.objects.filter(order__site=site, ended_on__isnull=True).select_related("order")


def save_penalty_count(form: forms.ModelForm, user: Any) -> PenaltyCount:
    """The daily-penalty ledger's saver: the count as the form says, its days and total recomputed."""
    form.instance._history_user = user
    count: PenaltyCount = form.save()
    return recompute_count(count)


@transaction.atomic
def open_penalty_count(order: Measure, daily: Decimal, *, by: Any, note: str = "",
                       is_demo: bool = False) -> PenaltyCount:  # fmt: skip
    """Start a daily-penalty count from an order to correct at the original fine's amount a day (0 days
    until a re-inspection finds the breach again). Raises ValidationError and writes nothing when the
    order is not an order to correct or the amount is not above zero."""
    count = PenaltyCount(order=order, daily=daily, note=note, is_demo=is_demo)
    count.full_clean()
    count._history_user = by  # type: ignore[attr-defined]
    count.save()
    return recompute_count(count)


def _computed(count: PenaltyCount, findings: list[dt.date], ended_on: dt.date | None) -> penalty.Count:
    try:
        return penalty.penalty_count(count.order.served_on, findings, count.daily, ended_on=ended_on)
    except penalty.PenaltyError as error:
        raise ValidationError(penalty_refusal(error)) from None


def recompute_count(count: PenaltyCount) -> PenaltyCount:
    """Store the count's days and total as the rule computes them from its dates (no history row when
    they are unchanged)."""
    findings = list(count.findings.values_list("on", flat=True))
    result = _computed(count, findings, count.ended_on)
    if (count.days, count.total) != (result.days, result.total):
        PenaltyCount.objects.filter(pk=count.pk).update(days=result.days, total=result.total)
        count.days, count.total = result.days, result.total
    return count


@transaction.atomic
def add_finding(count: PenaltyCount, on: dt.date, *, reference: str = "", by: Any) -> PenaltyCount:
    """A re-inspection on `on` found the breach again: the count runs to that day. Refused
    (ValidationError, nothing written) on or before the service date, before a finding already counted,
    or after the count ended."""
    findings = list(count.findings.values_list("on", flat=True))
    _computed(count, [*findings, on], count.ended_on)
    PenaltyFinding.objects.create(count=count, on=on, reference=reference[:200])
    count._history_user = by  # type: ignore[attr-defined]
    return recompute_count(count)


@transaction.atomic
def end_count(count: PenaltyCount, *, on: dt.date, reason: str, by: Any) -> PenaltyCount:
    """End a running count on `on` (a verified correction, or a stop-work that ended the breach): no
    later finding extends it. Refused when it already ended or findings lie after `on`."""
    if count.ended_on is not None:
        raise ValidationError(_("This count already ended on %(date)s.") % {"date": count.ended_on})
    findings = list(count.findings.values_list("on", flat=True))
    _computed(count, findings, max(on, count.order.served_on))
    count.ended_on = max(on, count.order.served_on)
    count.end_reason = reason
    count._history_user = by  # type: ignore[attr-defined]
    count.save()
    return recompute_count(count)


def recompute_counts() -> int:
    """The periodic task's work: every count's days and total recomputed from its dates. Returns how
    many changed (a count the rule now refuses is left as it was)."""
    changed = 0
    for count in PenaltyCount.objects.select_related("order"):
        before = (count.days, count.total)
        try:
            recompute_count(count)
        except ValidationError:
            continue
        changed += before != (count.days, count.total)
    return changed


# --- the site file --------------------------------------------------------------------------------------

SITE_MEASURES = 10


def site_enforcement(site: Site, user: Any) -> dict[str, Any] | None:
    """What the site file's enforcement panel (dust/site/_enforcement.html) shows, as far as `user` may
    see it: the latest measures, the stop-work in force, the running daily-penalty counts, the
    contractor's blacklisting today and the ladder's step for a next breach. None when the user may not
    see measures."""
    if not may(user, "view", Measure):
        return None
    today = timezone.localdate()
    suggestion = suggest_measure(site, today)
    measures = Measure.objects.for_user(user).filter(site=site).select_related("legal_basis", "case")
    return {
        "measures": list(measures[:SITE_MEASURES]),
        "more": max(measures.count() - SITE_MEASURES, 0),
        "stop": measures.filter(kind=MeasureKind.STOP_WORK, lifted_on__isnull=True).first(),
        "counts": list(running_counts(site)),
        "blacklisted": blacklisting(site.contractor_id, today),
        "suggestion": suggestion,
        "list_url": f"{reverse('dust:measure_list')}?{urlencode({'site': site.pk})}",
        "add_url": f"{reverse('dust:measure_add')}?{urlencode(measure_initial(site, today, suggestion))}"
        if may(user, "add", Measure)
        else "",
    }


def measure_initial(site: Site, on: dt.date, suggestion: Suggestion | None) -> dict[str, Any]:
    """The new-measure page's values for the site's next breach: the ladder's step, ready to check."""
    initial: dict[str, Any] = {"site": site.pk, "served_on": on.isoformat()}
    if suggestion is None:
        return initial
    initial.update(kind=suggestion.kind, legal_basis=suggestion.legal_basis.pk, ladder_step=suggestion.step)
    if suggestion.amount is not None:
        initial["amount"] = suggestion.amount
    if suggestion.stop_days:
        initial["stop_days"] = suggestion.stop_days
    if suggestion.kind in (MeasureKind.DOWNGRADE, MeasureKind.MARKET_EXCLUSION):
        initial["until"] = (on + dt.timedelta(days=365)).isoformat()
    return initial
