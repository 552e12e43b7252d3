"""The city study rooms' ledger forms: the same rules on a page, in an import and through the API. A
room's state and its dates are not among its fields: they change only through its acts
(heluo.studyrooms.services.move_room)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm

from .models import MonthlyStatistics, OpeningBalance, OpeningHours, ReadingEvent, Room, SpecialDay, YearPlan
from .services import covers_city


class TimeInput(forms.TimeInput):
    """The browser's time picker (its value is always HH:MM)."""

    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class RoomForm(LedgerForm):
    class Meta:
        model = Room
        fields = [
            "name", "division", "address", "latitude", "longitude", "operator", "area_m2", "seats", "books",
            "children_books", "self_service_24h", "plan", "due_on", "phone_public", "contact_person",
            "contact_phone", "internal_note",
        ]  # fmt: skip
        widgets = {"due_on": DateInput(), "internal_note": forms.Textarea(attrs={"rows": 3})}


class OpeningHoursForm(LedgerForm):
    class Meta:
        model = OpeningHours
        fields = ["room", "weekday", "kind", "opens", "closes"]
        widgets = {"opens": TimeInput(), "closes": TimeInput()}


class SpecialDayForm(LedgerForm):
    class Meta:
        model = SpecialDay
        fields = ["date", "name", "room", "closed", "opens", "closes"]
        widgets = {"date": DateInput(), "opens": TimeInput(), "closes": TimeInput()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("room") and not covers_city(self.user):
            self.add_error(
                "room", _("Choose the room: a day for every room of the city is the city's to set.")
            )
        return cleaned


class YearPlanForm(LedgerForm):
    class Meta:
        model = YearPlan
        fields = ["year", "division", "planned_rooms", "deadline", "notes"]
        widgets = {"deadline": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class OpeningBalanceForm(LedgerForm):
    class Meta:
        model = OpeningBalance
        fields = ["room", "as_of", "visits", "loans", "returns", "new_cards", "events", "participants"]
        widgets = {"as_of": DateInput()}


class MonthlyStatisticsForm(LedgerForm):
    class Meta:
        model = MonthlyStatistics
        fields = ["room", "month", "visits", "loans", "returns", "new_cards"]
        widgets = {"month": DateInput()}


class ReadingEventForm(LedgerForm):
    class Meta:
        model = ReadingEvent
        fields = ["title", "held_on", "division", "room", "participants", "organiser"]
        widgets = {"held_on": DateInput()}


class RoomActForm(forms.Form):
    """The day of an act on a room (开工, 装修, 建成投用, 闭馆): today unless an earlier day is given."""

    on = forms.DateField(label=_("on"), required=False, widget=DateInput())
