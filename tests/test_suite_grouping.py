"""The suite's own scheduling: the tests on the run's demo installation share one xdist worker
(tests/conftest.py, `--dist loadgroup` in scripts/test.sh). A pytest or xdist upgrade that stops the
grouping fails nothing else, it only makes the suite slower — so it is checked here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

GROUPED = """
import pytest


@pytest.mark.xdist_group("installation")
@pytest.mark.parametrize("n", range(6))
def test_grouped(n):
    pass


@pytest.mark.parametrize("n", range(6))
def test_free(n):
    pass
"""


def test_a_group_runs_on_one_worker(tmp_path: Path) -> None:
    (tmp_path / "test_grouped.py").write_text(GROUPED)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:django", "-p", "no:cacheprovider", "-n", "2",
         "--dist", "loadgroup", "-v", "test_grouped.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    workers = set(re.findall(r"\[(gw\d)\].*PASSED test_grouped\.py::test_grouped", result.stdout))
    assert len(re.findall(r"PASSED test_grouped\.py::test_grouped", result.stdout)) == 6
    assert len(workers) == 1, result.stdout
