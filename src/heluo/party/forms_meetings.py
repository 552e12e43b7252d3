"""The meetings' and study's ledger forms, and the recording page's forms (a meeting with its attendance
— one row per member with the mode as radio buttons — and its motions)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm

from .models import (
    AttendanceMode,
    Meeting,
    MeetingKind,
    MeetingRequirement,
    Member,
    StudyRecord,
    StudySession,
)
from .services.meetings import covers_city, meeting_refusal


class MeetingRequirementForm(LedgerForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("organisation") and not covers_city(self.user):
            self.add_error(
                "organisation", _("Choose the organisation: the city's requirement is the city's to set.")
            )
        return cleaned

    class Meta:
        model = MeetingRequirement
        fields = ["organisation", "kind", "frequency", "count", "notes"]


class MeetingForm(LedgerForm):
    """A meeting's own facts. Its attendance, motions and election are recorded on the recording page
    (heluo.party.services.meetings.record_meeting); here a change that would leave them without their
    organisation or kind is refused."""

    class Meta:
        model = Meeting
        fields = [
            "organisation",
            "kind",
            "held_on",
            "held_at",
            "topic",
            "agenda",
            "minutes",
            "online_platform",
        ]
        widgets = {
            "held_on": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        meeting = self.instance
        organisation, kind, held_on = cleaned.get("organisation"), cleaned.get("kind"), cleaned.get("held_on")
        if organisation is not None and kind and held_on:
            refusal = meeting_refusal(organisation, kind, held_on)
            if refusal:
                self.add_error("held_on" if held_on > timezone.localdate() else "kind", refusal)
        if meeting.pk is None:
            return cleaned
        if (
            organisation is not None
            and organisation.pk != meeting.organisation_id
            and meeting.attendances.exists()
        ):
            self.add_error(
                "organisation",
                _(
                    "The attendance was recorded for this organisation's members: record the meeting again instead."
                ),
            )
        if kind and kind != meeting.kind:
            if meeting.motions.exists() or meeting.is_election:
                self.add_error("kind", _("A meeting with motions or an election keeps its kind."))
            elif meeting.attendances.exists() and MeetingKind.GROUP_MEETING in (kind, meeting.kind):
                self.add_error(
                    "kind",
                    _("The attendance was recorded for other members: record the meeting again instead."),
                )
        return cleaned


class StudySessionForm(LedgerForm):
    class Meta:
        model = StudySession
        fields = ["organisation", "topic", "campaign", "held_on", "hours", "held_at", "notes"]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class StudyRecordForm(LedgerForm):
    class Meta:
        model = StudyRecord
        fields = ["session", "member", "hours", "mode"]


class RecordMeetingForm(forms.Form):
    """The recording page's meeting fields."""

    kind = forms.ChoiceField(label=_("meeting kind"), choices=MeetingKind.choices)
    held_on = forms.DateField(label=_("held on"), widget=DateInput())
    topic = forms.CharField(label=_("topic"), max_length=200)
    held_at = forms.CharField(label=_("place"), max_length=200, required=False)
    online_platform = forms.CharField(
        label=_("online platform"), max_length=100, required=False,
        help_text=_("Where members attend online, e.g. 学习强国 video meeting."),
    )  # fmt: skip
    agenda = forms.CharField(label=_("agenda"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    minutes = forms.CharField(
        label=_("meeting minutes"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    is_election = forms.BooleanField(label=_("election"), required=False)
    record_inquorate = forms.BooleanField(
        label=_("record although the quorum was not reached"), required=False,
        help_text=_("The meeting is kept as held without quorum: no motions, no election, and it does not count as a required meeting."),
    )  # fmt: skip


class AttendanceRowForm(forms.Form):
    """One member's attendance: the mode as radio buttons, the platform when online, the reason when
    excused (both checked by the service)."""

    member = forms.IntegerField(widget=forms.HiddenInput)
    mode = forms.ChoiceField(
        label=_("attendance"), choices=AttendanceMode.choices, initial=AttendanceMode.ON_SITE,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )  # fmt: skip
    platform = forms.CharField(label=_("online platform"), max_length=100, required=False)
    reason = forms.CharField(label=_("reason for leave"), max_length=200, required=False)

    def __init__(self, *args: Any, member: Member | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member


def _placeholder(text: Any) -> dict[str, Any]:
    return {"placeholder": text, "aria-label": text}


class MotionRowForm(forms.Form):
    """A motion and its vote counts (a row left empty is no motion)."""

    text = forms.CharField(
        label=_("motion"), max_length=300, required=False, widget=forms.TextInput(_placeholder(_("motion")))
    )
    in_favour = forms.IntegerField(
        label=_("in favour"),
        min_value=0,
        required=False,
        widget=forms.NumberInput(_placeholder(_("in favour"))),
    )
    against = forms.IntegerField(
        label=_("against"), min_value=0, required=False, widget=forms.NumberInput(_placeholder(_("against")))
    )
    abstained = forms.IntegerField(
        label=_("abstained"),
        min_value=0,
        required=False,
        widget=forms.NumberInput(_placeholder(_("abstained"))),
    )


AttendanceFormSet = forms.formset_factory(AttendanceRowForm, extra=0)
MotionFormSet = forms.formset_factory(MotionRowForm, extra=2)
