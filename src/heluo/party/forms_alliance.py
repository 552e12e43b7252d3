"""The alliance's and 四议两公开's ledger forms: the same rules on a page, in an import and through the
API. A need's and a match's state change through their acts (heluo.party.services.alliance); a
matter's state follows its steps (heluo.party.services.villages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm

from .models import (
    ActivityParticipant,
    Alliance,
    AllianceMember,
    JointActivity,
    Match,
    MatterStep,
    Need,
    Project,
    Resource,
    VillageMatter,
)
from .rules import four_steps
from .services import villages
from .services.points import closed_for

TEXT = forms.Textarea(attrs={"rows": 3})


class AllianceForm(LedgerForm):
    class Meta:
        model = Alliance
        fields = ["name", "organisation", "founded_on", "stale_after_days", "description"]
        widgets = {"founded_on": DateInput(), "description": TEXT}


class AllianceMemberForm(LedgerForm):
    class Meta:
        model = AllianceMember
        fields = ["alliance", "unit", "name", "kind", "joined_on", "left_on", "contact_name", "contact_phone"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}


class ResourceForm(LedgerForm):
    class Meta:
        model = Resource
        fields = [
            "alliance", "member", "category", "title", "description", "capacity", "division", "place",
            "service_area", "anywhere", "available_from", "available_until", "state",
        ]  # fmt: skip
        widgets = {"available_from": DateInput(), "available_until": DateInput(), "description": TEXT}


class NeedForm(LedgerForm):
    class Meta:
        model = Need
        fields = [
            "alliance", "raised_by", "member", "category", "title", "description", "size", "division", "place",
            "wanted_from", "wanted_until",
        ]  # fmt: skip
        widgets = {"wanted_from": DateInput(), "wanted_until": DateInput(), "description": TEXT}


class ProjectForm(LedgerForm):
    class Meta:
        model = Project
        fields = ["alliance", "name", "owner", "need", "plan", "progress", "state", "started_on", "ended_on"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput(), "plan": TEXT}


class MatchForm(LedgerForm):
    """A resource proposed for a need by hand; accepting or rejecting it are its acts."""

    class Meta:
        model = Match
        fields = ["need", "resource", "note"]


class JointActivityForm(LedgerForm):
    class Meta:
        model = JointActivity
        fields = ["alliance", "kind", "title", "held_on", "place", "hours", "organiser", "description"]
        widgets = {"held_on": DateInput(), "description": TEXT}


class ActivityParticipantForm(LedgerForm):
    class Meta:
        model = ActivityParticipant
        fields = ["activity", "member", "hours"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        activity, member = cleaned.get("activity"), cleaned.get("member")
        if activity is not None and member is not None and closed_for(member, activity.held_on.year):
            self.add_error(
                "member", _("The member's points year %(year)s is closed.") % {"year": activity.held_on.year}
            )
        return cleaned


class VillageMatterForm(LedgerForm):
    class Meta:
        model = VillageMatter
        fields = ["organisation", "title", "description", "secretary_is_chair"]
        widgets = {"description": TEXT}


COUNTS = ("expected", "present", "in_favour", "against", "abstained", "households", "households_present")


class MatterStepForm(LedgerForm):
    """A step of 四议两公开; the procedure's checks are the service's (heluo.party.services.villages)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in COUNTS:
            self.fields[name].required = False

    class Meta:
        model = MatterStep
        fields = [
            "matter", "step", "joint", "held_on", "minutes", "assembly", "expected", "present", "in_favour",
            "against", "abstained", "households", "households_present", "published_on", "published_where",
        ]  # fmt: skip
        widgets = {"held_on": DateInput(), "published_on": DateInput(), "minutes": TEXT}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in COUNTS:  # a count left empty is none
            if name in self.fields and cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()
        if not self.errors and self.instance.matter_id:
            reason = villages.step_refusal(self.instance)
            if reason:
                self.add_error(None, reason)


# The fields each kind of step takes besides the matter and the step (the rest keep their defaults).
MEETING_FIELDS = ("held_on", "minutes", "expected", "present", "in_favour", "against", "abstained")
STEP_FIELDS = {
    four_steps.PROPOSAL: ("joint", *MEETING_FIELDS),
    four_steps.CONSULTATION: MEETING_FIELDS,
    four_steps.REVIEW: MEETING_FIELDS,
    four_steps.RESOLUTION: ("assembly", *MEETING_FIELDS, "households", "households_present"),
    four_steps.RESOLUTION_PUBLIC: ("published_on", "published_where", "minutes"),
    four_steps.RESULT_PUBLIC: ("published_on", "published_where", "minutes"),
}


def fit_to_step(form: MatterStepForm, step: int, secretary_is_chair: bool) -> MatterStepForm:
    """The step's form on its matter's page: the matter and the step fixed, only the fields that step
    takes shown (a field with an error stays, so its error is seen)."""
    kept = set(STEP_FIELDS.get(step, ())) - (set() if secretary_is_chair else {"joint"})
    for name in list(form.fields):
        if name in ("matter", "step"):
            form.fields[name].widget = forms.HiddenInput()
        elif name not in kept and not (form.is_bound and name in form.errors):
            del form.fields[name]
    return form


class MatchDecisionForm(forms.Form):
    """Accepting or rejecting a match: the day (today unless an earlier one is given) and a note."""

    on = forms.DateField(label=_("on"), required=False, widget=DateInput())
    note = forms.CharField(label=_("note"), required=False, max_length=200)
