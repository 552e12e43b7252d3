"""Jobs: long work run by the task worker, visible to its user with a progress bar.

A job is queued by the page or command that asks for it and run by `run_job` (the huey task, or inline
when the work is small). When a worker starts, the jobs that were running in a dead worker of this host
are marked failed with that reason: no progress bar hangs for ever.
"""

from __future__ import annotations

import os
import socket
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.ledger import LEDGERS
from heluo.core.models import Job, JobKind, JobState
from heluo.core.tabular.reading import declared_cells

# Work above these sizes goes to the task worker; below, the request does it at once. A file is large by
# its bytes or by the cells its sheet declares (a small .xlsx can declare a huge sheet).
INLINE_ROWS = 2000
INLINE_BYTES = 512 * 1024
INLINE_CELLS = 100_000


def small_file(name: str, data: bytes) -> bool:
    """Whether the web process may read this upload itself rather than the task worker."""
    return len(data) <= INLINE_BYTES and declared_cells(name, data) <= INLINE_CELLS


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def queue_job(user: Any, kind: str, ledger_label: str, *, params: dict[str, Any] | None = None,
              source: tuple[str, bytes] | None = None) -> Job:  # fmt: skip
    """Create a job row for `user`; the caller runs it inline or hands its id to the worker."""
    job = Job(kind=kind, ledger=ledger_label, user=user, params=params or {})
    if source is not None:
        name, data = source
        job.params = {**job.params, "filename": Path(name).name}
        job.source.save(Path(name).name, ContentFile(data), save=False)
    job.save()
    return job


def progress_callback(job: Job) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total)

    return report


def run_job(job_id: int) -> Job:
    """Run one job to its end, recording success or the reason of its failure. Idempotent: a job that
    is not queued (already run, or being run) is left alone."""
    from heluo.core.services import transfer

    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now(), worker=this_worker()
    )
    job = Job.objects.select_related("user").get(pk=job_id)
    if not claimed:
        return job
    ledger = LEDGERS.get(job.ledger)
    try:
        if ledger is None:
            raise LookupError(_("Unknown ledger %(label)s.") % {"label": job.ledger})
        report = progress_callback(job)
        if job.kind == JobKind.EXPORT:
            name = transfer.export_filename(ledger)
            with tempfile.TemporaryFile() as scratch:
                count = transfer.export(ledger, job.user, scratch, job.params.get("query", ""), report)
                scratch.seek(0)
                job.result_file.save(name, File(scratch), save=False)
            job.result = {"rows": count, "filename": name}
        elif job.kind in {JobKind.IMPORT_PREVIEW, JobKind.IMPORT_APPLY}:
            job.result = transfer.import_file(
                ledger, job.user, job.params["filename"], job.source.read(), apply=job.kind == JobKind.IMPORT_APPLY,
                progress=report,
            )  # fmt: skip
        else:
            raise LookupError(job.kind)
    except Exception as error:  # the job fails with its reason; the worker goes on
        job.state = JobState.FAILED
        job.error = _describe(error)
    else:
        job.state = JobState.SUCCEEDED
    job.finished_at = timezone.now()
    job.refresh_from_db(fields=["done", "total"])
    job.save()
    return job


def _describe(error: Exception) -> str:
    message = str(error) or type(error).__name__
    return (
        f"{message}\n\n{traceback.format_exc(limit=5)}"
        if not isinstance(error, LookupError | ValueError)
        else message
    )


@transaction.atomic
def fail_dead_jobs() -> int:
    """Mark failed the jobs left 'running' by a worker of this host that is no longer alive.

    Called when a worker starts. Jobs of other hosts (several workers on Redis) are left to them.
    """
    host = socket.gethostname()
    failed = 0
    for job in Job.objects.select_for_update().filter(state=JobState.RUNNING, worker__startswith=f"{host}:"):
        pid = int(job.worker.rsplit(":", 1)[1])
        if _alive(pid):
            continue
        job.state = JobState.FAILED
        job.error = _("The task worker stopped while this job was running. Start it again.")
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "error", "finished_at"])
        failed += 1
    return failed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
