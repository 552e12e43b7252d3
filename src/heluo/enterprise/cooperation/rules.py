"""The cooperation ledger's rules over plain values (Pure: no Django, no database): what a progress row
may say, the summary of a year from its progress rows, and which sentence writes that summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

UNDER_CONSTRUCTION = "under_construction"  # 在建
COMPLETED = "completed"  # 完工
CONTINUING = "continuing"  # 继续实施
TERMINATED = "terminated"  # 终止

# The ledger began in 2016 (the article's first year); a typo such as 218 or 20180 is refused.
MIN_YEAR = 2000
MAX_YEAR = 2100

# Problem codes, each a message the model translates.
COMPLETED_NEEDS_INVESTMENT = "completed_needs_investment"
ABOVE_TOTAL = "above_total"
BEFORE_ENTRY = "before_entry"
AFTER_END = "after_end"

# How a year is written (the placeholders are the year's figures, see figures.py), by its figures.
SENTENCE_UNDER_WAY = (
    "{period},{territory}纳入全市地企合作工作台账项目{projects},总投资{total_investment},"
    "目前完工{completed},完成投资{completed_investment},继续实施项目{continuing}。"
)
SENTENCE_ALL_COMPLETE = (
    "{period},{territory}纳入全市地企合作工作台账项目{projects},总投资{total_investment},已全部完工。"
)
SENTENCE_NONE = "{period},{territory}没有纳入全市地企合作工作台账的项目。"


@dataclass(frozen=True)
class ProjectSpan:
    entry_year: int
    end_year: int | None
    total_investment: Decimal


@dataclass(frozen=True)
class ProgressEntry:
    year: int
    state: str
    completed_investment: Decimal | None
    exceeds_total: bool = False


@dataclass(frozen=True)
class ProgressRow:
    """One progress row of a year as the summary needs it."""

    project: int
    total_investment: Decimal
    completed_investment: Decimal | None
    state: str


@dataclass(frozen=True)
class YearSummary:
    projects: int
    total_investment: Decimal
    completed: int
    completed_investment: Decimal
    continuing: int


def progress_problems(entry: ProgressEntry, span: ProjectSpan) -> dict[str, str]:
    """{field: problem code} of a progress row of the project spanning `span`; empty when it may stand."""
    problems: dict[str, str] = {}
    if entry.year < span.entry_year:
        problems["year"] = BEFORE_ENTRY
    elif span.end_year is not None and entry.year > span.end_year:
        problems["year"] = AFTER_END
    if entry.state == COMPLETED and not entry.completed_investment:
        problems["completed_investment"] = COMPLETED_NEEDS_INVESTMENT
    elif (
        entry.completed_investment is not None
        and entry.completed_investment > span.total_investment
        and not entry.exceeds_total
    ):
        problems["completed_investment"] = ABOVE_TOTAL
    return problems


def summarize(rows: Iterable[ProgressRow]) -> YearSummary:
    """The summary of the rows of one year: each project counts once, however many rows it has (a
    territory or a span of years may bring two); completed investment is the sum over every row,
    finished or not, a row without one counting nothing."""
    totals: dict[int, Decimal] = {}
    completed = continuing = 0
    completed_investment = Decimal(0)
    for row in rows:
        totals[row.project] = row.total_investment
        completed += row.state == COMPLETED
        continuing += row.state == CONTINUING
        completed_investment += row.completed_investment or Decimal(0)
    return YearSummary(
        projects=len(totals),
        total_investment=sum(totals.values(), Decimal(0)),
        completed=completed,
        completed_investment=completed_investment,
        continuing=continuing,
    )


def year_template(numbers: Mapping[str, int | Decimal]) -> str:
    """The sentence of a year from its figures ({"projects": 12, "completed": 9, …}): none in the
    ledger, all complete (…已全部完工), or under way."""
    if not numbers["projects"]:
        return SENTENCE_NONE
    if numbers["completed"] == numbers["projects"]:
        return SENTENCE_ALL_COMPLETE
    return SENTENCE_UNDER_WAY
