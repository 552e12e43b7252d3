"""`heluo party dues`: one JSON object on stdout, or a clear error with a non-zero exit and nothing on
stdout — through call_command and once as a real process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def dues(*args: str) -> dict[str, str | None]:
    out = io.StringIO()
    call_command("party", "dues", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("income", "category", "expected"),
    [
        ("2999.99", "in_service", {"rate": "0.005", "monthly": "15.00"}),
        ("3000.01", "in_service", {"rate": "0.01", "monthly": "30.00"}),
        ("10000.01", "in_service", {"rate": "0.02", "monthly": "200.00"}),
        ("5000.01", "retired", {"rate": "0.01", "monthly": "50.00"}),
        ("1234.50", "in_service", {"rate": "0.005", "monthly": "6.17"}),
        ("0", "in_service", {"rate": "0.005", "monthly": "0.00"}),
        ("3000", "farmer", {"rate": None, "monthly": "0.20"}),
        ("3000", "student", {"rate": None, "monthly": "0.20"}),
        ("0", "unemployed", {"rate": None, "monthly": "0.20"}),
        ("800", "low_income", {"rate": None, "monthly": "0.20"}),
        ("800", "relief", {"rate": None, "monthly": "0.20"}),
    ],
)
def test_prints_the_rate_and_the_monthly_amount(income, category, expected) -> None:
    assert dues("--income", income, "--category", category) == expected


def test_a_farmer_amount_the_branch_set() -> None:
    assert dues("--income", "0", "--category", "farmer", "--farmer-amount", "0.6") == {
        "rate": None,
        "monthly": "0.60",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--income", "-1", "--category", "in_service"), "不能为负数"),
        (("--income", "abc", "--category", "in_service"), "必须是数字"),
        (("--income", "NaN", "--category", "retired"), "必须是数字"),
        (("--income", "3000", "--category", "soldier"), "未知的党费类别"),
        (("--income", "3000", "--category", "farmer", "--farmer-amount", "2"), "0.20 至 1.00"),
        (("--income", "3000", "--category", "farmer", "--farmer-amount", "x"), "必须是数字"),
    ],
)
def test_bad_input_is_a_clear_error_and_prints_nothing(args, message) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        call_command("party", "dues", *args, stdout=out)
    assert out.getvalue() == ""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "heluo.settings",
    }
    heluo = Path(sys.executable).with_name("heluo")
    return subprocess.run(
        [str(heluo), "party", "dues", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_the_real_command_prints_json_and_exits_zero() -> None:
    done = run("--income", "2999.99", "--category", "in_service")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"rate": "0.005", "monthly": "15.00"}


def test_the_real_command_refuses_a_negative_income_with_a_non_zero_exit() -> None:
    done = run("--income", "-5", "--category", "in_service")
    assert done.returncode != 0
    assert done.stdout == ""
    assert "不能为负数" in done.stderr
