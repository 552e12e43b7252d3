"""The city study rooms' ledger tables (each row a card on a phone)."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import MonthlyStatistics, OpeningBalance, OpeningHours, ReadingEvent, Room, SpecialDay, YearPlan


class RoomTable(LedgerTable):
    card_columns = ("name", "state", "division")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Room
        fields = ("name", "division", "state", "seats", "self_service_24h", "opened_on", "plan", "due_on")


class OpeningHoursTable(LedgerTable):
    card_columns = ("room", "weekday", "opens", "closes")
    room = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = OpeningHours
        fields = ("room", "kind", "weekday", "opens", "closes")


class SpecialDayTable(LedgerTable):
    card_columns = ("date", "name", "closed")
    date = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = SpecialDay
        fields = ("date", "name", "room", "closed", "opens", "closes")


class YearPlanTable(LedgerTable):
    card_columns = ("division", "year", "planned_rooms", "deadline")
    division = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = YearPlan
        fields = ("year", "division", "planned_rooms", "deadline")


class OpeningBalanceTable(LedgerTable):
    card_columns = ("room", "as_of", "visits")
    room = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = OpeningBalance
        fields = ("room", "as_of", "visits", "loans", "returns", "new_cards", "events", "participants")


class MonthlyStatisticsTable(LedgerTable):
    card_columns = ("room", "month", "visits")
    room = tables.Column(linkify=lambda record: record.get_absolute_url())
    month = tables.DateColumn(format="Y-m")

    class Meta(LedgerTable.Meta):
        model = MonthlyStatistics
        fields = ("room", "month", "visits", "loans", "returns", "new_cards")


class ReadingEventTable(LedgerTable):
    card_columns = ("title", "held_on", "participants")
    title = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = ReadingEvent
        fields = ("title", "held_on", "division", "room", "participants", "organiser")
