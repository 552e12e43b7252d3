"""The city study rooms' ledgers: rooms, their opening hours and special days, the counties' year
plans, the rooms' opening balances and monthly statistics, and reading events."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import MonthlyStatistics, OpeningBalance, OpeningHours, ReadingEvent, Room, SpecialDay, YearPlan
from .services import refuse_city_wide_change

room = register(
    Ledger(
        Room,
        form=forms.RoomForm,
        filterset=filters.RoomFilter,
        table=tables.RoomTable,
        search_fields=("name", "address", "operator"),
        select_related=("division", "plan__division"),
        detail_template="studyrooms/room_detail.html",
        attachments=True,
        many_rows=True,
        read_only_columns=("state", "started_on", "fitting_out_on", "opened_on", "closed_on"),
    )
)
opening_hours = register(
    Ledger(
        OpeningHours,
        slug="hours",
        many_rows=True,
        form=forms.OpeningHoursForm,
        filterset=filters.OpeningHoursFilter,
        table=tables.OpeningHoursTable,
        search_fields=("room__name",),
        select_related=("room",),
    )
)
special_day = register(
    Ledger(
        SpecialDay,
        form=forms.SpecialDayForm,
        filterset=filters.SpecialDayFilter,
        table=tables.SpecialDayTable,
        search_fields=("name", "room__name"),
        select_related=("room",),
        refuse_change=refuse_city_wide_change,
    )
)
year_plan = register(
    Ledger(
        YearPlan,
        form=forms.YearPlanForm,
        filterset=filters.YearPlanFilter,
        table=tables.YearPlanTable,
        search_fields=("division__name",),
        select_related=("division",),
        detail_template="studyrooms/yearplan_detail.html",
        import_key=("year", "division"),
    )
)
opening_balance = register(
    Ledger(
        OpeningBalance,
        many_rows=True,
        form=forms.OpeningBalanceForm,
        filterset=filters.OpeningBalanceFilter,
        table=tables.OpeningBalanceTable,
        search_fields=("room__name",),
        select_related=("room",),
        import_key=("room",),
    )
)
monthly_statistics = register(
    Ledger(
        MonthlyStatistics,
        slug="statistics",
        many_rows=True,
        form=forms.MonthlyStatisticsForm,
        filterset=filters.MonthlyStatisticsFilter,
        table=tables.MonthlyStatisticsTable,
        search_fields=("room__name",),
        select_related=("room",),
        import_key=("room", "month"),
    )
)
reading_event = register(
    Ledger(
        ReadingEvent,
        many_rows=True,
        form=forms.ReadingEventForm,
        filterset=filters.ReadingEventFilter,
        table=tables.ReadingEventTable,
        search_fields=("title", "organiser", "room__name"),
        select_related=("division", "room"),
    )
)
