"""Background jobs with a real task worker: a queued job survives until a worker runs it, and a job left
running by a dead worker is failed with that reason when a worker starts."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.core.test_platform import heluo
from tests.installations import installed

QUEUE = """
import json, socket, subprocess
from heluo.core.models import Job, JobKind, JobState
from heluo.core.services import jobs
from heluo.core.services.accounts import system_operator
from heluo.core.tasks import run_job_task
user = system_operator()
queued = jobs.queue_job(user, JobKind.EXPORT, "core.division", params={"query": ""})
run_job_task(queued.pk)
dead = subprocess.Popen(["true"]); dead.wait()
orphan = Job.objects.create(kind=JobKind.EXPORT, ledger="core.unit", user=user, state=JobState.RUNNING,
                            worker=f"{socket.gethostname()}:{dead.pid}")
print(json.dumps({"queued": queued.pk, "orphan": orphan.pk}))
"""


def states(data_dir: Path) -> dict[str, list[object]]:
    """Each job's state, error and result, read from the installation's database file (a `heluo shell`
    a second would spend most of the test starting Django)."""
    with closing(sqlite3.connect(data_dir / "heluo.sqlite3", timeout=30)) as database:
        rows = database.execute("SELECT id, state, error, result FROM core_job").fetchall()
    return {str(pk): [state, error, json.loads(result)] for pk, state, error, result in rows}


def test_queued_job_waits_for_a_worker_and_a_dead_workers_job_is_failed(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    installed(tmp_path_factory, "migrated", tmp_path, "", sqlite=True)  # a copy of the run's migrated one
    queued = heluo("shell", "--no-imports", "-c", QUEUE, data_dir=tmp_path)
    assert queued.returncode == 0, queued.stderr
    ids = json.loads(queued.stdout.strip().splitlines()[-1])
    before = states(tmp_path)
    assert before[str(ids["queued"])][0] == "queued" and before[str(ids["orphan"])][0] == "running"

    env = {k: v for k, v in os.environ.items() if not k.startswith("HELUO_")}
    env.update(HELUO_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="heluo.settings")
    worker = subprocess.Popen([sys.executable, "-m", "heluo", "run_huey", "--workers", "1"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        after = before
        while time.monotonic() < deadline:
            after = states(tmp_path)
            if after[str(ids["queued"])][0] == "succeeded" and after[str(ids["orphan"])][0] == "failed":
                break
            time.sleep(0.5)
    finally:
        os.killpg(worker.pid, signal.SIGINT)
        worker.wait(timeout=30)
    assert after[str(ids["queued"])][0] == "succeeded", after
    assert after[str(ids["queued"])][2]["rows"] == 0
    state, error, _result = after[str(ids["orphan"])]
    assert state == "failed" and "后台任务进程已停止" in str(error)
