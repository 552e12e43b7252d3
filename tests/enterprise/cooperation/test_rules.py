"""The cooperation ledger's pure rules on hand-computed tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from heluo.enterprise.cooperation import rules
from heluo.enterprise.cooperation.rules import ProgressEntry, ProgressRow, ProjectSpan, YearSummary

C, GO, UC, T = rules.COMPLETED, rules.CONTINUING, rules.UNDER_CONSTRUCTION, rules.TERMINATED


def row(project: int, total: str, completed: str | None, state: str) -> ProgressRow:
    return ProgressRow(project, Decimal(total), None if completed is None else Decimal(completed), state)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], YearSummary(0, Decimal(0), 0, Decimal(0), 0)),
        (
            [row(1, "100", "100", C), row(2, "50", "20", GO), row(3, "30", None, UC), row(4, "10", "5", T)],
            YearSummary(4, Decimal(190), 1, Decimal(125), 1),
        ),
        # A project with two rows in the period (say 2017 and 2018) counts once, its rows both sum.
        (
            [row(1, "400", "100", GO), row(1, "400", "400", C)],
            YearSummary(1, Decimal(400), 1, Decimal(500), 1),
        ),
        (
            [row(1, "0.5", "0.25", C), row(2, "0.25", "0.25", C)],
            YearSummary(2, Decimal("0.75"), 2, Decimal("0.5"), 0),
        ),
    ],
)
def test_the_year_summary_of_its_rows(rows: list[ProgressRow], expected: YearSummary) -> None:
    assert rules.summarize(rows) == expected


SPAN = ProjectSpan(entry_year=2017, end_year=2019, total_investment=Decimal(100))


@pytest.mark.parametrize(
    ("entry", "problems"),
    [
        (ProgressEntry(2017, GO, Decimal(40)), {}),
        (ProgressEntry(2019, C, Decimal(100)), {}),
        (ProgressEntry(2018, UC, None), {}),
        (ProgressEntry(2016, GO, Decimal(10)), {"year": rules.BEFORE_ENTRY}),
        (ProgressEntry(2020, GO, Decimal(10)), {"year": rules.AFTER_END}),
        (ProgressEntry(2018, C, None), {"completed_investment": rules.COMPLETED_NEEDS_INVESTMENT}),
        (ProgressEntry(2018, C, Decimal(0)), {"completed_investment": rules.COMPLETED_NEEDS_INVESTMENT}),
        (ProgressEntry(2018, GO, Decimal(101)), {"completed_investment": rules.ABOVE_TOTAL}),
        (ProgressEntry(2018, C, Decimal(120), exceeds_total=True), {}),
    ],
)
def test_what_a_progress_row_may_say(entry: ProgressEntry, problems: dict[str, str]) -> None:
    assert rules.progress_problems(entry, SPAN) == problems


def test_a_project_without_a_planned_end_takes_rows_in_any_later_year() -> None:
    span = ProjectSpan(entry_year=2017, end_year=None, total_investment=Decimal(100))
    assert rules.progress_problems(ProgressEntry(2030, GO, Decimal(1)), span) == {}


@pytest.mark.parametrize(
    ("projects", "completed", "template"),
    [
        (0, 0, rules.SENTENCE_NONE),
        (6, 6, rules.SENTENCE_ALL_COMPLETE),
        (12, 9, rules.SENTENCE_UNDER_WAY),
        (7, 0, rules.SENTENCE_UNDER_WAY),
    ],
)
def test_the_sentence_is_chosen_by_the_years_figures(projects: int, completed: int, template: str) -> None:
    numbers = {"projects": projects, "completed": completed, "continuing": 0}
    assert rules.year_template(numbers) == template
