"""Settings are read from the environment in one place (heluo.settings), typed; a malformed value stops
Heluo at start with the variable named."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from heluo import settings as heluo_settings


@pytest.mark.parametrize(
    ("reader", "value", "expected"),
    [
        (lambda: heluo_settings.env_int("HELUO_TEST_VALUE", 7), "12", 12),
        (lambda: heluo_settings.env_float("HELUO_TEST_VALUE", 1.0), "2.5", 2.5),
        (lambda: heluo_settings.env_ints("HELUO_TEST_VALUE", [3]), "5，2, 1", [5, 2, 1]),
        (lambda: heluo_settings.env_time("HELUO_TEST_VALUE"), "17:30", dt.time(17, 30)),
        (lambda: heluo_settings.env_int("HELUO_TEST_VALUE", 7), "", 7),
    ],
)
def test_values_are_typed(
    monkeypatch: pytest.MonkeyPatch, reader: object, value: str, expected: object
) -> None:
    monkeypatch.setenv("HELUO_TEST_VALUE", value)
    assert reader() == expected  # type: ignore[operator]


@pytest.mark.parametrize("value", ["a year", "3,x"])
def test_a_malformed_value_is_refused_by_name(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("HELUO_TEST_VALUE", value)
    with pytest.raises(ImproperlyConfigured, match="HELUO_TEST_VALUE"):
        heluo_settings.env_ints("HELUO_TEST_VALUE", [1]) if "," in value else heluo_settings.env_int(
            "HELUO_TEST_VALUE", 1
        )


def test_no_module_reads_the_environment_but_settings() -> None:
    from pathlib import Path

    source = Path(heluo_settings.__file__).parent
    readers = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if "os.environ" in path.read_text(encoding="utf-8").replace("os.environ.setdefault", "")
        and path.name != "settings.py"
        and path.name != "supervisor.py"  # passes the environment on to its children, reads nothing
    ]
    assert readers == []
