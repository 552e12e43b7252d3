"""The plan table's pure rules on hand-made tables: a milestone's state from its dates, and the bars of
the plan-against-reality chart."""

from __future__ import annotations

import datetime as dt

import pytest

from heluo.enterprise.major.rules import Bar, MilestoneState, PlanLine, gantt_rows, milestone_state

D = dt.date
TODAY = D(2019, 10, 10)


@pytest.mark.parametrize(
    ("planned", "actual", "state"),
    [
        (D(2019, 9, 30), D(2019, 9, 28), MilestoneState.ON_TIME),
        (D(2019, 9, 30), D(2019, 9, 30), MilestoneState.ON_TIME),  # done on the day itself
        (D(2019, 9, 30), D(2019, 10, 1), MilestoneState.LATE),
        (D(2019, 10, 9), None, MilestoneState.SLIPPED),  # the day after its date, not done
        (TODAY, None, MilestoneState.PENDING),  # due today: not slipped before the day is over
        (D(2019, 12, 31), None, MilestoneState.PENDING),
        (D(2019, 12, 31), D(2019, 10, 1), MilestoneState.ON_TIME),  # done ahead of plan
    ],
)
def test_a_milestones_state_follows_from_its_dates(
    planned: dt.date, actual: dt.date | None, state: str
) -> None:
    assert milestone_state(planned, actual, TODAY) == state


def test_the_bars_run_from_the_previous_milestone_and_only_the_one_in_hand_runs_to_today() -> None:
    lines = [
        PlanLine("签约", D(2019, 3, 31), D(2019, 3, 20)),
        PlanLine("封顶", D(2019, 6, 30), D(2019, 8, 15)),
        PlanLine("投产", D(2019, 9, 30)),
        PlanLine("验收", D(2019, 12, 31)),
    ]
    rows = gantt_rows(D(2019, 1, 1), lines, TODAY)
    assert [(row.planned, row.actual, row.state, row.running) for row in rows] == [
        (
            Bar(D(2019, 1, 1), D(2019, 3, 31)),
            Bar(D(2019, 1, 1), D(2019, 3, 20)),
            MilestoneState.ON_TIME,
            False,
        ),
        (
            Bar(D(2019, 3, 31), D(2019, 6, 30)),
            Bar(D(2019, 3, 20), D(2019, 8, 15)),
            MilestoneState.LATE,
            False,
        ),
        (Bar(D(2019, 6, 30), D(2019, 9, 30)), Bar(D(2019, 8, 15), TODAY), MilestoneState.SLIPPED, True),
        (Bar(D(2019, 9, 30), D(2019, 12, 31)), None, MilestoneState.PENDING, True),
    ]


def test_a_plan_not_begun_has_no_actual_bar_and_dates_out_of_order_keep_bars_forward() -> None:
    rows = gantt_rows(D(2019, 11, 1), [PlanLine("开工", D(2019, 12, 1))], TODAY)
    assert rows[0].actual is None and rows[0].planned == Bar(D(2019, 11, 1), D(2019, 12, 1))
    rows = gantt_rows(
        D(2019, 1, 1), [PlanLine("B", D(2019, 6, 1), D(2019, 5, 1)), PlanLine("A", D(2019, 3, 1), D(2019, 2, 1))],
        TODAY,
    )  # fmt: skip
    assert rows[1].planned == Bar(D(2019, 3, 1), D(2019, 3, 1)) and rows[1].actual == Bar(
        D(2019, 2, 1), D(2019, 2, 1)
    )
