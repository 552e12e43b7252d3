"""What a briefing says: its sections, each a sentence of the figures registry followed by the changes of
its period figures against the period before (环比) and the same period last year (同比), and its tables
(the supervision figures by subordinate division, the dust assessment's ranking): each a title, a
header and rows of written cells, `name_column` the (1-based) column of names, aligned left.

Every number is read from core's figures registry or from the dust assessment's ranking: nothing here
counts rows. Militia is never in a briefing: a briefing goes to every leader's inbox and to group chats,
and militia figures are for the militia roles only (docs/dashboards.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from heluo.core.figures import Period, Reading, Territory, breakdown, figure, render_sentence, value
from heluo.core.figures.registry import territory_name
from heluo.core.figures.writing import Basis, Number, change, rate_change
from heluo.core.models import Division
from heluo.dust.models import AssessedSubject, AssessmentScheme
from heluo.dust.services import assessment

CHINESE_NUMBERS = "一二三四五六七八九十"
UNCHANGED = {"环比": "环比持平", "同比": "与上年持平"}


@dataclass(frozen=True)
class Section:
    """A part of the briefing: `sentence` (a key of the registry's sentences) and the period figures it
    compares, each with the words it goes by in the comparison. A section with compared figures is shown
    when one of them is not zero, and only those make a period worth reporting; one without (a running
    total) is shown when `shown_if` is not zero."""

    module: str
    heading: str
    sentence: str
    compared: tuple[tuple[str, str], ...] = ()
    shown_if: str = ""


SECTIONS: tuple[Section, ...] = (
    Section("cases", "督办工作", "cases.summary",
            (("cases.received", "受理督办事项"), ("cases.closed", "办结督办事项"), ("cases.on_time_rate", "按时办结率"))),
    Section("dust", "扬尘治理", "dust.summary", (("dust.inspections", "开展检查"), ("dust.measures", "采取执法措施"))),
    Section("monitoring", "在线监测", "monitoring.summary", (("monitoring.alarms_raised", "触发报警"),)),
    Section("party", "党建工作", "party.meetings", (("party.meetings_held", "召开“三会一课”和主题党日"),)),
    Section("enterprise", "企业服务", "enterprise.service.summary",
            (("enterprise.service.visits", "走访企业"), ("enterprise.service.problems_raised", "企业反映问题"))),
    Section("studyrooms", "城市书房", "studyrooms.summary", shown_if="studyrooms.rooms_open"),
)  # fmt: skip

# The supervision table's columns: figure key and the column's heading.
SUPERVISION_COLUMNS = (
    ("cases.received", "受理（件）"),
    ("cases.closed", "办结（件）"),
    ("cases.on_time_rate", "按时办结率"),
    ("cases.open_overdue", "逾期未办结（件）"),
)


@dataclass(frozen=True)
class Periods:
    """The period reported on and the two it is compared with."""

    current: Period
    previous: Period  # 环比: the week or month before
    year_before: Period  # 同比


def _nonzero(reading: Reading) -> bool:
    return reading.number is not None and reading.number != 0


def _is_rate(key: str) -> bool:
    return figure(key).unit == "%"


def compared(key: str, words: str, territory: Territory, periods: Periods) -> str:
    """One figure's changes: 受理督办事项环比增长20%，同比下降3.2%. A rate changes in 个百分点; a change
    from nothing is said in words (上期为0); a basis with no value is left out."""
    now = value(key, territory, periods.current).number
    rate = _is_rate(key)
    previous = value(key, territory, periods.previous).number
    year_before = value(key, territory, periods.year_before).number
    parts = (
        written_change(now, previous, "环比", "上期为0", rate=rate),
        written_change(now, year_before, "同比", "上年同期为0", rate=rate),
    )
    said = [part for part in parts if part]
    return f"{words}{'，'.join(said)}" if said else ""


def written_change(
    now: Number | None, before: Number | None, basis: Basis, zero_words: str, *, rate: bool
) -> str | None:
    if now is None or before is None:
        return None
    if rate:
        return rate_change(now, before, basis)
    if before == 0:
        return UNCHANGED[basis] if now == 0 else zero_words
    return change(now, before, basis)


def section(item: Section, territory: Territory, periods: Periods) -> dict[str, Any] | None:
    """The section's heading and sentences, or None when it has nothing to say for the period."""
    readings = [value(key, territory, periods.current) for key, _words in item.compared]
    if item.compared and not any(map(_nonzero, readings)):
        return None
    if not item.compared and not (
        item.shown_if and _nonzero(value(item.shown_if, territory, periods.current))
    ):
        return None
    sentences = [render_sentence(item.sentence, territory, periods.current)]
    changes = [compared(key, words, territory, periods) for key, words in item.compared]
    if any(changes):
        sentences.append("；".join(c for c in changes if c) + "。")
    return {"module": item.module, "heading": item.heading, "sentences": sentences}


def has_news(territory: Territory, period: Period) -> bool:
    """Whether any period figure of the briefing is not zero: an empty period is not reported."""
    return any(_nonzero(value(key, territory, period)) for item in SECTIONS for key, _words in item.compared)


def subordinates(division: Division) -> list[Division]:
    """The divisions one level down that exist today (the districts of the city, a district's streets)."""
    return list(Division.objects.filter(parent=division).filter(Q(valid_to__isnull=True)).order_by("code"))


def supervision_table(division: Division, period: Period) -> dict[str, Any] | None:
    """The supervision figures of each subordinate division, from the same figures as the sentences."""
    below = subordinates(division)
    if not below:
        return None
    columns = [dict(breakdown(key, below, period)) for key, _heading in SUPERVISION_COLUMNS]
    readings = [(place, [column[place] for column in columns]) for place in below]
    rows = [
        [place.display_name, *(r.text for r in row)] for place, row in readings if any(map(_nonzero, row))
    ]
    if not rows:
        return None
    header = ["地区", *(h for _k, h in SUPERVISION_COLUMNS)]
    return {"title": "各地督办工作情况", "header": header, "rows": rows, "name_column": 1}


def assessment_scheme(period: Period) -> AssessmentScheme | None:
    """The districts' assessment running in the period (the latest one, when several are)."""
    return (
        AssessmentScheme.objects.filter(
            subject=AssessedSubject.DISTRICT, period_start__lte=period.end, period_end__gte=period.start
        )
        .order_by("-period_end", "-pk")
        .first()
    )


def ranking_table(period: Period) -> dict[str, Any] | None:
    """The ranking of the dust assessment running in the period, as dust's bulletin shows it."""
    scheme = assessment_scheme(period)
    if scheme is None:
        return None
    table = assessment.ranking_table(scheme)
    if not table["rows"]:
        return None
    header = ["名次", "地区", *(str(label) for _kind, label in table["kinds"]), "扣分", "得分"]
    rows = [
        [str(row["rank"]), row["name"], *(str(count) for count in row["counts"]), _points(row["deducted"]),
         _points(row["total"])]
        for row in table["rows"]
    ]  # fmt: skip
    return {"title": f"扬尘治理考核排名（{scheme.name}）", "header": header, "rows": rows, "name_column": 2}


def _points(number: Decimal) -> str:
    text = f"{number.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def compose(division: Division, periods: Periods) -> dict[str, Any]:
    """The briefing's content: an opening line, the sections with something to say, the tables. Pure
    reading; an empty `sections` list means there is nothing to report."""
    territory = Territory.of(division)
    if not has_news(territory, periods.current):
        return {"opening": "", "sections": [], "tables": []}
    sections = [s for item in SECTIONS if (s := section(item, territory, periods)) is not None]
    for number, part in enumerate(sections):
        part["heading"] = f"{CHINESE_NUMBERS[number]}、{part['heading']}"
    tables = [t for t in (supervision_table(division, periods.current), ranking_table(periods.current)) if t]
    name = territory_name(territory)
    return {
        "opening": f"现将{periods.current.label}{name}重点工作情况通报如下。",
        "sections": sections,
        "tables": tables,
    }


def week_of(day: dt.date) -> Period:
    """The week (Monday to Sunday) holding `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return Period(monday, monday + dt.timedelta(days=6))


def periods_of(kind: str, day: dt.date) -> Periods:
    """The week or month holding `day`, with the week or month before and the same span a year earlier."""
    if kind == "week":
        current = week_of(day)
        return Periods(current, week_of(current.start - dt.timedelta(days=1)), current.year_before())
    current = Period.month(day.year, day.month)
    before = current.start - dt.timedelta(days=1)
    return Periods(current, Period.month(before.year, before.month), Period.month(day.year - 1, day.month))
