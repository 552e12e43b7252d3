"""Recording a year's progress: one row per project and year, the figures of each year from its own rows
only, a carried-over project counted once in each year it is in the ledger."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from heluo.core.figures import Period, Territory, value
from heluo.core.services.accounts import system_operator
from heluo.enterprise.cooperation import figures
from heluo.enterprise.cooperation.models import CooperationProgress
from heluo.enterprise.cooperation.services import record_progress

from .factories import KAIYUAN, LAOCHENG, XIGUAN, YI, division, progress, project

pytestmark = pytest.mark.django_db


def laocheng() -> Territory:
    return Territory.of(division(LAOCHENG))


def figure(key: str, year: int) -> Any:
    return value(key, laocheng(), Period.year(year)).number


def test_a_carried_over_project_counts_once_in_each_year_it_is_in_the_ledger() -> None:
    operator = system_operator()
    carried = project(XIGUAN, total=4 * YI, entry_year=2017)
    record_progress(carried, 2017, state="continuing", completed_investment=YI, user=operator)
    record_progress(carried, 2018, state="completed", completed_investment=4 * YI, user=operator)
    other = project(LAOCHENG, total=2 * YI, entry_year=2018)
    record_progress(other, 2018, state="under_construction", completed_investment=None, user=operator)
    assert [figure(figures.PROJECTS, year) for year in (2016, 2017, 2018)] == [0, 1, 2]
    assert figure(figures.TOTAL_INVESTMENT, 2018) == 6 * YI
    assert (figure(figures.COMPLETED, 2017), figure(figures.CONTINUING, 2017)) == (0, 1)
    assert (figure(figures.COMPLETED, 2018), figure(figures.CONTINUING, 2018)) == (1, 0)
    # Over the two years together, the project is still one project.
    both = Period(Period.year(2017).start, Period.year(2018).end)
    assert value(figures.PROJECTS, laocheng(), both).number == 2


def test_completed_investment_sums_every_row_of_the_year_finished_or_not() -> None:
    rows = [
        ("completed", 3 * YI, 3 * YI),
        ("continuing", 5 * YI, Decimal("0.7") * YI),
        ("terminated", YI, YI / 4),
    ]
    for state, total, done in rows:
        progress(project(XIGUAN, total=total, entry_year=2018), 2018, state, done)
    progress(project(XIGUAN, entry_year=2018), 2018, "under_construction", None)
    assert figure(figures.COMPLETED_INVESTMENT, 2018) == Decimal("3.95") * YI


def test_editing_a_later_year_leaves_the_earlier_years_figures_alone() -> None:
    operator = system_operator()
    made = project(XIGUAN, total=4 * YI, entry_year=2017)
    record_progress(made, 2017, state="continuing", completed_investment=YI, user=operator)
    record_progress(made, 2018, state="continuing", completed_investment=2 * YI, user=operator)
    before = [figure(key, 2017) for key in figures.KEYS]
    record_progress(made, 2018, state="completed", completed_investment=4 * YI, user=operator)
    assert [figure(key, 2017) for key in figures.KEYS] == before
    assert figure(figures.COMPLETED_INVESTMENT, 2018) == 4 * YI
    assert CooperationProgress.objects.filter(project=made).count() == 2
    assert CooperationProgress.history.filter(project_id=made.pk, year=2017).count() == 1


def test_recording_the_same_progress_again_writes_nothing() -> None:
    operator = system_operator()
    made = project(XIGUAN)
    row = record_progress(made, 2018, state="continuing", completed_investment=YI, user=operator)
    again = record_progress(
        made, 2018, state="continuing", completed_investment=Decimal("100000000.00"), user=operator
    )
    assert again.pk == row.pk and again.row_version == row.row_version
    assert row.history.count() == 1


@pytest.mark.parametrize(
    ("year", "state", "done", "field"),
    [
        (2016, "continuing", YI, "year"),  # before the project entered the ledger
        (2018, "completed", None, "completed_investment"),
        (2018, "continuing", 3 * YI, "completed_investment"),  # above the total, unconfirmed
    ],
)
def test_a_progress_row_that_breaks_a_rule_is_refused_and_nothing_is_written(
    year: int, state: str, done: Decimal | None, field: str
) -> None:
    made = project(XIGUAN, total=2 * YI, entry_year=2017)
    with pytest.raises(ValidationError) as refused:
        record_progress(made, year, state=state, completed_investment=done, user=system_operator())
    assert field in refused.value.message_dict
    assert not CooperationProgress.objects.filter(project=made).exists()


def test_an_overrun_is_kept_once_confirmed() -> None:
    made = project(XIGUAN, total=2 * YI)
    row = record_progress(
        made, 2018, state="completed", completed_investment=3 * YI, exceeds_total=True, user=None
    )
    assert row.completed_investment == 3 * YI


def test_one_row_per_project_and_year() -> None:
    made = project(XIGUAN)
    progress(made, 2018, "continuing", YI)
    with pytest.raises(IntegrityError), transaction.atomic():
        progress(made, 2018, "completed", 2 * YI)


def test_the_figures_count_only_the_territorys_projects() -> None:
    progress(project(XIGUAN, entry_year=2018), 2018, "completed", 2 * YI)
    progress(project(KAIYUAN, entry_year=2018), 2018, "completed", 2 * YI)
    assert figure(figures.PROJECTS, 2018) == 1
    assert value(figures.PROJECTS, Territory.city(), Period.year(2018)).number == 2


def test_a_project_cannot_move_its_entry_after_a_year_it_has_a_row_for() -> None:
    made = project(XIGUAN, entry_year=2017)
    progress(made, 2017, "continuing", YI)
    made.entry_year = 2018
    with pytest.raises(ValidationError) as refused:
        made.full_clean()
    assert "entry_year" in refused.value.message_dict
