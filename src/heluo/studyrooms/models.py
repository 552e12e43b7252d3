"""City study rooms (城市书房): the rooms with their opening hours and holiday days, the year plans the
counties build them under, what each room counted before Heluo, its monthly statistics and the reading
events held in it. The 书香洛阳 office's ledgers; the public finder reads the rooms in service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import Attachment, Division, DivisionLevel, LedgerModel, UserScope

from . import rules

__all__ = [
    "HoursKind",
    "MonthlyStatistics",
    "OpeningBalance",
    "OpeningHours",
    "ReadingEvent",
    "Room",
    "RoomState",
    "SpecialDay",
    "YearPlan",
]

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
COUNTY_DIVISIONS = {"level": DivisionLevel.COUNTY}


class YearPlan(LedgerModel):
    """A county's construction plan for one year (年度建设计划): how many rooms, due by when."""

    scope_module = "studyrooms"
    scope_division_field = "division"

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    division = models.ForeignKey(
        Division, verbose_name=_("district / county"), on_delete=models.PROTECT,
        related_name="study_room_plans", limit_choices_to=COUNTY_DIVISIONS,
    )  # fmt: skip
    planned_rooms = models.PositiveSmallIntegerField(_("rooms planned"))
    deadline = models.DateField(_("deadline to open"))
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("study room year plan")
        verbose_name_plural = _("study room year plans")
        ordering = ["-year", "division__code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "division"], name="studyrooms_plan_year_division_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.division} {self.year}年"

    def get_absolute_url(self) -> str:
        return reverse("studyrooms:yearplan_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.division_id and self.division.level != DivisionLevel.COUNTY:
            raise ValidationError({"division": _("A year plan belongs to a district or county.")})


class RoomState(models.TextChoices):
    PLANNED = rules.PLANNED, _("planned")
    STARTED = rules.STARTED, _("construction started")
    FITTING_OUT = rules.FITTING_OUT, _("fitting out")
    IN_SERVICE = rules.IN_SERVICE, _("in service")
    CLOSED = rules.CLOSED, _("closed down")


class Room(LedgerModel):
    """A city study room (城市书房): where it is, who runs it, what it holds, and how far it is built.
    Its photos are its image attachments. The staff's note and contacts are never shown to the public."""

    scope_module = "studyrooms"
    scope_division_field = "division"

    name = models.CharField(_("name"), max_length=120)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="study_rooms",
        help_text=_("The street or county the room lies in."),
    )  # fmt: skip
    address = models.CharField(_("address"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
        help_text=_("WGS-84, as a phone gives it."),
    )  # fmt: skip
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        help_text=_("WGS-84, as a phone gives it."),
    )  # fmt: skip
    operator = models.CharField(_("operator"), max_length=120, blank=True)
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=8, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
    )  # fmt: skip
    seats = models.PositiveIntegerField(_("seats"), default=0)
    books = models.PositiveIntegerField(_("books"), default=0)
    children_books = models.PositiveIntegerField(
        _("children's books"), default=0, help_text=_("Expected to be at least 40 per cent of the books.")
    )
    self_service_24h = models.BooleanField(
        _("24-hour self-service"), default=False,
        help_text=_("Open round the clock by reader card; the service desk keeps its own hours."),
    )  # fmt: skip
    state = models.CharField(_("state"), max_length=20, choices=RoomState.choices, default=RoomState.PLANNED)
    started_on = models.DateField(_("construction started on"), null=True, blank=True)
    fitting_out_on = models.DateField(_("fitting out from"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    plan = models.ForeignKey(
        YearPlan, verbose_name=_("year plan"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="rooms", help_text=_("The year plan the room is built under."),
    )  # fmt: skip
    due_on = models.DateField(
        _("due on"), null=True, blank=True, help_text=_("Its own target date; empty: the plan's deadline.")
    )
    phone_public = models.CharField(_("public phone"), max_length=40, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    # The supervision case of a room not in service by its due date (heluo.studyrooms.services).
    late_case = models.OneToOneField(
        "cases.Case", verbose_name=_("late-room case"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="study_room",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city study room")
        verbose_name_plural = _("city study rooms")
        ordering = ["division__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["division", "name"], name="studyrooms_room_name_unique"),
            models.CheckConstraint(
                condition=Q(children_books__lte=F("books")), name="studyrooms_room_children_within_books"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("studyrooms:room_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.children_books is not None and self.books is not None and self.children_books > self.books:
            raise ValidationError({"children_books": _("Children's books cannot outnumber the books.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both the latitude and the longitude, or neither.")})
        if self.plan_id and self.division_id and not self.division.path.startswith(self.plan.division.path):
            raise ValidationError({"plan": _("The plan is another county's: the room does not lie in it.")})
        # A room that is not 24-hour keeps only its own hours (heluo.studyrooms.models.OpeningHours).
        if self.pk and not self.self_service_24h and self.hours.filter(kind=HoursKind.DESK).exists():
            raise ValidationError(
                {
                    "self_service_24h": _(
                        "The room has service desk hours: delete them before it stops being 24-hour."
                    )
                }
            )

    @property
    def deadline(self) -> dt.date | None:
        """The day the room should be in service by: its own, else its plan's."""
        if self.due_on is not None:
            return self.due_on
        return self.plan.deadline if self.plan_id else None

    @property
    def children_share(self) -> Decimal | None:
        """Children's books as a share of the books (0–1), None for a room without books."""
        if not self.books:
            return None
        return Decimal(self.children_books) / Decimal(self.books)

    @property
    def photos(self) -> models.QuerySet[Attachment]:
        """The room's photos: its attachments that are images."""
        return Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(Room),
            object_id=self.pk,
            media_type__startswith="image/",
        )


class HoursKind(models.TextChoices):
    ROOM = "room", _("room")
    DESK = "desk", _("service desk")


class OpeningHours(LedgerModel):
    """One opening period of a room on a day of the week (开放时间). A period whose closing time is not
    after its opening time runs past midnight into the next day. A 24-hour self-service room keeps its
    service desk's hours apart from the room's."""

    scope_module = "studyrooms"
    scope_division_field = "room__division"

    room = models.ForeignKey(
        Room, verbose_name=_("city study room"), on_delete=models.CASCADE, related_name="hours"
    )
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"), choices=[(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")),
                                       (3, _("Thursday")), (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday"))],
    )  # fmt: skip
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"), help_text=_("Not after the opening time: closes the next day."))
    kind = models.CharField(_("kind"), max_length=10, choices=HoursKind.choices, default=HoursKind.ROOM)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["room", "kind", "weekday", "opens"]

    def __str__(self) -> str:
        return f"{self.room} {self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("studyrooms:openinghours_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.kind == HoursKind.DESK and self.room_id and not self.room.self_service_24h:
            raise ValidationError(
                {"kind": _("Only a 24-hour self-service room has service desk hours apart from the room's.")}
            )


class SpecialDay(LedgerModel):
    """A holiday or other day whose hours differ from the week's (节假日安排), for one room or, without
    a room, for every room of the city: closed, or open at that day's hours instead of the week's."""

    scope_module = "studyrooms"
    scope_division_field = "room__division"

    room = models.ForeignKey(
        Room, verbose_name=_("city study room"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="special_days", help_text=_("Empty: every room of the city."),
    )  # fmt: skip
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=60, blank=True)
    closed = models.BooleanField(_("closed that day"), default=False)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("special day")
        verbose_name_plural = _("special days")
        ordering = ["-date", "room"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed=True) | Q(opens__isnull=False, closes__isnull=False),
                name="studyrooms_special_day_hours_or_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name or self.room or ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("studyrooms:specialday_detail", args=[self.pk])

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # A day for every room of the city concerns every office of the module.
        return Q(room__isnull=True)

    def clean(self) -> None:
        super().clean()
        if not self.closed and (self.opens is None or self.closes is None):
            raise ValidationError(
                {"opens": _("A day that is not closed needs its opening and closing times.")}
            )


def _not_negative() -> list[MinValueValidator]:
    return [MinValueValidator(0)]


class OpeningBalance(LedgerModel):
    """What a room counted before Heluo (期初数), up to and including `as_of`: the monthly statistics
    after that day add to it."""

    scope_module = "studyrooms"
    scope_division_field = "room__division"

    room = models.OneToOneField(
        Room, verbose_name=_("city study room"), on_delete=models.CASCADE, related_name="opening_balance"
    )
    as_of = models.DateField(_("as of"), help_text=_("Counted up to and including this day."))
    visits = models.PositiveIntegerField(_("reader visits"), default=0)
    loans = models.PositiveIntegerField(_("loans"), default=0)
    returns = models.PositiveIntegerField(_("returns"), default=0)
    new_cards = models.PositiveIntegerField(_("new reader cards"), default=0)
    events = models.PositiveIntegerField(_("reading events"), default=0)
    participants = models.PositiveIntegerField(_("participants"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opening balance")
        verbose_name_plural = _("opening balances")
        ordering = ["room__division__code", "room__name"]

    def __str__(self) -> str:
        return f"{self.room} {self.as_of:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("studyrooms:openingbalance_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.room_id and self.as_of is not None:
            counted = MonthlyStatistics.objects.filter(room_id=self.room_id, month__lte=self.as_of)
            first = counted.order_by("month").values_list("month", flat=True).first()
            if first is not None:
                raise ValidationError(
                    {"as_of": _("The room has monthly statistics from %(month)s: the balance would count them twice.")
                     % {"month": f"{first:%Y-%m}"}}
                )  # fmt: skip


class MonthlyStatistics(LedgerModel):
    """A room's figures for one month (月度运营统计), keyed (room, month): an import updates in place."""

    scope_module = "studyrooms"
    scope_division_field = "room__division"

    room = models.ForeignKey(
        Room, verbose_name=_("city study room"), on_delete=models.PROTECT, related_name="monthly_statistics"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    visits = models.PositiveIntegerField(_("reader visits"), default=0)
    loans = models.PositiveIntegerField(_("loans"), default=0)
    returns = models.PositiveIntegerField(_("returns"), default=0)
    new_cards = models.PositiveIntegerField(_("new reader cards"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly statistics")
        verbose_name_plural = _("monthly statistics")
        ordering = ["-month", "room__division__code", "room__name"]
        constraints = [
            models.UniqueConstraint(fields=["room", "month"], name="studyrooms_monthly_room_month_unique"),
            models.CheckConstraint(condition=Q(month__day=1), name="studyrooms_monthly_first_of_month"),
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("studyrooms:monthlystatistics_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.month is not None and self.month.day != 1:
            raise ValidationError({"month": _("A month is given by its first day.")})
        balance = OpeningBalance.objects.filter(room_id=self.room_id).first() if self.room_id else None
        if balance is not None and self.month is not None and self.month <= balance.as_of:
            raise ValidationError(
                {"month": _("The room's opening balance counts up to %(day)s: this month is in it already.")
                 % {"day": f"{balance.as_of:%Y-%m-%d}"}}
            )  # fmt: skip


class ReadingEvent(LedgerModel):
    """A reading-promotion event (阅读推广活动) held in a room or elsewhere in a division."""

    scope_module = "studyrooms"
    scope_division_field = "division"

    room = models.ForeignKey(
        Room, verbose_name=_("city study room"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="reading_events",
    )  # fmt: skip
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="reading_events"
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    participants = models.PositiveIntegerField(_("participants"), default=0)
    organiser = models.CharField(_("organiser"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reading event")
        verbose_name_plural = _("reading events")
        ordering = ["-held_on", "title"]

    def __str__(self) -> str:
        return f"{self.title}（{self.held_on:%Y-%m-%d}）"

    def get_absolute_url(self) -> str:
        return reverse("studyrooms:readingevent_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.room_id and self.division_id and not self.room.division.path.startswith(self.division.path):
            raise ValidationError({"room": _("The room does not lie in the event's division.")})
