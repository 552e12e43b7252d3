"""The figures registry: figures by key, each a function of (territory, period) over the rows."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from .writing import Writing, write

if TYPE_CHECKING:
    from heluo.core.models import Division

Number = int | Decimal
# What a figure may have no value for (a rate of nothing closed) reads as None and is written "—".
NO_VALUE = "—"


@dataclass(frozen=True)
class Territory:
    """The divisions a figure counts: the subtrees under `paths` (division path prefixes), or the whole
    city when `paths` is empty."""

    paths: tuple[str, ...] = ()

    @classmethod
    def city(cls) -> Territory:
        return cls()

    @classmethod
    def of(cls, *divisions: Division | str) -> Territory:
        """The subtrees of `divisions` (or of paths) with every predecessor division, as the scope rule
        counts them: 孟津区 counts the rows made in 吉利区 before the two merged."""
        from heluo.core.scope import with_predecessors

        return cls(with_predecessors([d if isinstance(d, str) else d.path for d in divisions]))

    @property
    def city_wide(self) -> bool:
        return not self.paths

    def q(self, field: str = "division") -> Q:
        """The condition on `field` (a foreign key to Division) that keeps rows inside the territory."""
        if self.city_wide:
            return Q()
        return reduce(lambda a, b: a | b, (Q(**{f"{field}__path__startswith": p}) for p in self.paths))

    def filter(self, queryset: QuerySet, field: str = "division") -> QuerySet:
        return queryset.filter(self.q(field))


@dataclass(frozen=True)
class Period:
    """A span of whole days, both ends included, with the label officials write (2018年, 2026年3月)."""

    start: dt.date
    end: dt.date
    label: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period ends before it starts: {self.start} – {self.end}")
        if not self.label:
            object.__setattr__(self, "label", _label(self.start, self.end))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last), f"{year}年{month}月")

    @classmethod
    def day(cls, day: dt.date) -> Period:
        return cls(day, day, f"{day.year}年{day.month}月{day.day}日")

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(0), tzinfo=timezone.get_current_timezone())

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the period (an exclusive bound for datetimes)."""
        return dt.datetime.combine(
            self.end + dt.timedelta(days=1), dt.time(0), tzinfo=timezone.get_current_timezone()
        )

    def year_before(self) -> Period:
        """The same span a year earlier (同比)."""
        return Period(_shift_year(self.start), _shift_year(self.end), _previous_label(self))

    def previous(self) -> Period:
        """The span of the same length just before (环比)."""
        length = self.end - self.start
        end = self.start - dt.timedelta(days=1)
        return Period(end - length, end)


def _label(start: dt.date, end: dt.date) -> str:
    """What officials write for a span: 2026年, 2026年3月, or 2026年3月5日至4月2日."""
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months and (start.month, end.month) == (1, 12) and start.year == end.year:
        return f"{start.year}年"
    if whole_months and (start.year, start.month) == (end.year, end.month):
        return f"{start.year}年{start.month}月"
    first = f"{start.year}年{start.month}月{start.day}日"
    if start == end:
        return first
    last = f"{end.month}月{end.day}日" if end.year == start.year else f"{end.year}年{end.month}月{end.day}日"
    return f"{first}至{last}"


def _shift_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _previous_label(period: Period) -> str:
    return period.label.replace(str(period.start.year), str(period.start.year - 1), 1) if period.label else ""


@dataclass(frozen=True)
class Figure:
    """A published figure: `compute(territory, period)` counts it from the rows (None when it has no
    value, such as the rate of nothing); `writing` says how it is written (see writing.py) and `unit`
    what follows the number (个, 元, 人次)."""

    key: str
    label: Promise | str
    module: str
    compute: Callable[[Territory, Period], Number | None]
    unit: str = ""
    writing: Writing = field(default_factory=Writing)
    description: Promise | str = ""
    # Counted from the rows as they are now (a ledger that keeps no past state): the period does not
    # change it, and there is no "same period last year" to compare with.
    current: bool = False


@dataclass(frozen=True)
class Reading:
    """A figure's value for one territory and period, with the text an official would write."""

    figure: Figure
    territory: Territory
    period: Period
    number: Number | None

    @property
    def text(self) -> str:
        if self.number is None:
            return NO_VALUE
        return write(self.number, self.figure.unit, self.figure.writing)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Sentence:
    """A sentence template: `{name}` placeholders are filled with the written figures named in `figures`
    (placeholder → figure key), `{period}` with the period's label, `{territory}` with the territory's
    name (老城区; 全市 for the city) and any extra values given to render."""

    key: str
    module: str
    template: str
    figures: dict[str, str]
    label: Promise | str = ""
    # Picks the template from the figures' numbers ({placeholder: number}) where the wording changes
    # with them ("…已全部完工" once every project is complete); None: always `template`.
    choose: Callable[[dict[str, Number]], str] | None = None


FIGURES: dict[str, Figure] = {}
SENTENCES: dict[str, Sentence] = {}


def register_figure(*figures: Figure) -> None:
    for item in figures:
        if item.key in FIGURES and FIGURES[item.key] != item:
            raise ValueError(f"figure {item.key!r} is registered twice")
        FIGURES[item.key] = item


def register_sentence(*sentences: Sentence) -> None:
    for item in sentences:
        missing = [key for key in item.figures.values() if key not in FIGURES]
        if missing:
            raise ValueError(f"sentence {item.key!r} names unknown figures {missing}")
        SENTENCES[item.key] = item


def figure(key: str) -> Figure:
    try:
        return FIGURES[key]
    except KeyError:
        raise KeyError(f"no figure {key!r} is registered") from None


def value(key: str, territory: Territory, period: Period) -> Reading:
    item = figure(key)
    return Reading(item, territory, period, item.compute(territory, period))


def series(key: str, territory: Territory, periods: Iterable[Period]) -> list[Reading]:
    return [value(key, territory, period) for period in periods]


def breakdown(key: str, divisions: Sequence[Division], period: Period) -> list[tuple[Division, Reading]]:
    """The figure for each of `divisions` (say, the districts of the city) in turn."""
    return [(division, value(key, Territory.of(division), period)) for division in divisions]


def render_sentence(key: str, territory: Territory, period: Period, **extra: Any) -> str:
    item = SENTENCES[key]
    readings = {name: value(figure_key, territory, period) for name, figure_key in item.figures.items()}
    template = item.choose({name: r.number for name, r in readings.items()}) if item.choose else item.template
    values: dict[str, Any] = {name: reading.text for name, reading in readings.items()}
    if "{territory}" in template:
        values["territory"] = territory_name(territory)
    return template.format(**{"period": period.label, **values, **extra})


def territory_name(territory: Territory) -> str:
    """How a sentence names a territory: its current divisions (not the predecessors it also counts), by
    their short names with 、 between; 全市 for the whole city."""
    if territory.city_wide:
        return "全市"
    from heluo.core.models import Division

    divisions = Division.objects.filter(path__in=territory.paths, valid_to__isnull=True).order_by("code")
    return "、".join(division.display_name for division in divisions)
