"""One count of 按日连续处罚 on hand-computed calendars, and `heluo dust penalty` that prints it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from heluo.dust.management.commands.dust import Command
from heluo.dust.rules.penalty import (
    AFTER_END,
    NOT_AFTER_SERVICE,
    NOT_POSITIVE,
    OUT_OF_ORDER,
    PenaltyError,
    penalty_count,
)

D = dt.date

# served, re-inspections that found the breach, daily, ended on → days, total (counted by hand: the day
# after service through the last finding's day).
CALENDARS = [
    # one re-inspection: 2 Mar … 11 Mar
    (D(2026, 3, 1), [D(2026, 3, 11)], "50000", None, 10, "500000"),
    # two: the second extends the same count, 2 Mar … 21 Mar
    (D(2026, 3, 1), [D(2026, 3, 11), D(2026, 3, 21)], "50000", None, 20, "1000000"),
    # across a month end: 31 Jan … 2 Feb (28 days in Feb 2026 do not matter: 3 days)
    (D(2026, 1, 30), [D(2026, 2, 2)], "10000", None, 3, "30000"),
    # correction verified on 25 May after a finding on 20 May: the count stops at the finding, 11 … 20 May
    (D(2026, 5, 10), [D(2026, 5, 20)], "20000", D(2026, 5, 25), 10, "200000"),
    # across 29 Feb 2028: 21 … 29 Feb (9 days) and 1 … 5 Mar (5 days)
    (D(2028, 2, 20), [D(2028, 3, 5)], "10000", None, 14, "140000"),
    # the same dates a year earlier, no leap day: 21 … 28 Feb (8) and 1 … 5 Mar (5)
    (D(2027, 2, 20), [D(2027, 3, 5)], "10000", None, 13, "130000"),
    # over the leap day of 2028 and into the next year: 1 Jan 2028 … 1 Jan 2029 is 366 days
    (D(2027, 12, 31), [D(2028, 6, 1), D(2029, 1, 1)], "100", None, 367, "36700"),
    # no re-inspection has found it yet
    (D(2026, 3, 1), [], "50000", None, 0, "0"),
]


@pytest.mark.parametrize(("served", "found", "daily", "ended", "days", "total"), CALENDARS)
def test_days_and_total_on_hand_computed_calendars(served, found, daily, ended, days, total) -> None:
    count = penalty_count(served, found, Decimal(daily), ended_on=ended)
    assert (count.days, count.total) == (days, Decimal(total))


@pytest.mark.parametrize(
    ("served", "found", "ended", "code"),
    [
        (D(2026, 3, 1), [D(2026, 3, 1)], None, NOT_AFTER_SERVICE),
        (D(2026, 3, 1), [D(2026, 2, 27)], None, NOT_AFTER_SERVICE),
        (D(2026, 3, 1), [D(2026, 3, 21), D(2026, 3, 11)], None, OUT_OF_ORDER),
        (D(2026, 3, 1), [D(2026, 3, 11), D(2026, 3, 11)], None, OUT_OF_ORDER),
        # a breach found after a verified correction is a new breach: it needs a new order
        (D(2026, 5, 10), [D(2026, 5, 20), D(2026, 5, 28)], D(2026, 5, 25), AFTER_END),
    ],
)
def test_a_count_the_rule_refuses(served, found, ended, code) -> None:
    with pytest.raises(PenaltyError) as refused:
        penalty_count(served, found, Decimal("10000"), ended_on=ended)
    assert refused.value.code == code


def test_a_daily_amount_must_be_above_zero() -> None:
    with pytest.raises(PenaltyError) as refused:
        penalty_count(D(2026, 3, 1), [D(2026, 3, 2)], Decimal("0"))
    assert refused.value.code == NOT_POSITIVE


def penalty(*arguments: str) -> dict:
    out = StringIO()
    call_command("dust", "penalty", *arguments, stdout=out)
    return json.loads(out.getvalue())


def test_the_command_prints_one_json_object() -> None:
    assert penalty("--served", "2026-03-01", "--rechecked", "2026-03-11", "--daily", "50000") == {
        "days": 10, "total": 500000,
    }  # fmt: skip
    assert penalty(
        "--served",
        "2028-02-20",
        "--rechecked",
        "2028-02-29",
        "--rechecked",
        "2028-03-05",
        "--daily",
        "12500.50",
    ) == {"days": 14, "total": 175007.0}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--served", "2026-03-01", "--rechecked", "2026-03-01", "--daily", "100"], "2026-03-01"),
        (["--served", "2026-03-01", "--rechecked", "2026-02-01", "--daily", "100"], "2026-02-01"),
        (["--served", "2026-03-01", "--rechecked", "2026-03-21", "--rechecked", "2026-03-11", "--daily", "100"],
         "2026-03-11"),
        (["--served", "2026-02-30", "--rechecked", "2026-03-11", "--daily", "100"], "--served"),
        (["--served", "2026-03-01", "--rechecked", "11/03/2026", "--daily", "100"], "--rechecked"),
        (["--served", "2026-03-01", "--rechecked", "2026-03-11", "--daily", "lots"], "--daily"),
        (["--served", "2026-03-01", "--rechecked", "2026-03-11", "--daily", "-5"], "--daily"),
        (["--served", "2026-03-01", "--rechecked", "2026-03-11", "--daily", "NaN"], "--daily"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_clear_error(arguments: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("dust", "penalty", *arguments)


@pytest.mark.django_db
def test_the_command_exits_non_zero_with_the_error_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        Command().run_from_argv(
            [
                "heluo",
                "dust",
                "penalty",
                "--served",
                "2026-03-01",
                "--rechecked",
                "2026-03-01",
                "--daily",
                "100",
            ]
        )
    assert stopped.value.code != 0
    captured = capsys.readouterr()
    assert "2026-03-01" in captured.err and captured.out == ""
    Command().run_from_argv(
        ["heluo", "dust", "penalty", "--served", "2026-03-01", "--rechecked", "2026-03-04", "--daily", "100"]
    )
    assert json.loads(capsys.readouterr().out) == {"days": 3, "total": 300}
