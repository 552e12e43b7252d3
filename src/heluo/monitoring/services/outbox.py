"""The outbox between storing frames and the platform's after-commit hooks (rollups and alarms).

The TCP receiver stores a batch and, in the same transaction, a `CommittedBatch` row holding the frames
it newly stored; it acknowledges them as soon as that commits, so an acknowledgement waits for nothing
but its own commit. The hooks worker (`heluo hj212 worker`, started by `heluo up`) takes the oldest rows,
runs the hooks on their frames and deletes the rows, in one transaction: a crash of the receiver loses no
batch it acknowledged, a crash of the worker rolls back the hooks' writes with the delete, and each
batch is applied exactly once. One worker applies at a time (a lock on PostgreSQL, the one writer on
SQLite), oldest first, so a monitor's frames reach the alarm streaks in the order they were stored.

An entry is `[frame text, monitor id, backfill (0/1), received at (epoch seconds), particulate factor,
minute interval]`. The text is the frame as received, except that an SM4-encrypted frame is kept with
its CP in plain text: the worker needs no keys, and a device's key may change before the worker runs.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from heluo.monitoring import hooks
from heluo.monitoring.hj212 import CrcForm, Frame, HJ212Error, build_frame, parse_frame
from heluo.monitoring.ingest.batch import Outcome
from heluo.monitoring.ingest.journal import Accepted
from heluo.monitoring.models import CommittedBatch
from heluo.monitoring.storage import is_retryable

logger = logging.getLogger("heluo.monitoring.outbox")

# The frame was checked when it was received; any CRC form the standard or a vendor uses reads it again.
_ANY_CRC = tuple(CrcForm)
# How many frames one run of the hooks takes at most: the hooks cost per monitor and hour, so larger
# runs are cheaper per frame, and this bounds the worker's transaction.
MAX_FRAMES_PER_RUN = 20_000
_MAX_BATCHES_PER_RUN = 200
_BATCHES_PER_FETCH = 20


def _text(frame: Frame) -> str:
    if not frame.encrypted:
        return frame.raw
    plain = build_frame(
        st=frame.st, cn=frame.cn, mn=frame.mn, pw=frame.pw, qn=frame.qn, flag=frame.flag,
        pnum=frame.pnum, pno=frame.pno, cp=frame.cp,
    )  # fmt: skip
    return plain.decode("utf-8").rstrip("\r\n")


def entry(item: Accepted) -> list[Any]:
    return [
        _text(item.frame), item.device.monitor_id, int(item.backfill), item.received_at.timestamp(),
        item.device.particulate_factor, item.device.minute_interval,
    ]  # fmt: skip


def committed_of(entry: Sequence[Any]) -> hooks.Committed:
    """The hooks' view of an entry (raises HJ212Error if its text no longer reads as a frame)."""
    text, monitor_id, backfill, received_at, particulate_factor, minute_interval = entry
    return hooks.Committed(
        parse_frame(text.encode("utf-8"), crc_variants=_ANY_CRC), monitor_id, Outcome.STORED, bool(backfill),
        datetime.fromtimestamp(received_at, UTC), particulate_factor, minute_interval,
    )  # fmt: skip


def enqueue(items: Sequence[Accepted], outcomes: Sequence[Outcome]) -> None:
    """Keep the newly stored frames of a batch for the hooks, in the caller's (the batch's) transaction."""
    if not hooks.has_hooks():
        return
    stored = [entry(item) for item, outcome in zip(items, outcomes, strict=True) if outcome is Outcome.STORED]
    if stored:
        CommittedBatch.objects.create(
            committed_at=timezone.now(), count=len(stored), frames=json.dumps(stored, separators=(",", ":"))
        )


def pending() -> tuple[int, int]:
    """(batches, frames) waiting for the hooks."""
    totals = CommittedBatch.objects.aggregate(batches=Count("pk"), frames=Sum("count"))
    return totals["batches"], totals["frames"] or 0


def apply_pending(*, max_frames: int = MAX_FRAMES_PER_RUN) -> int:
    """Run the hooks once on the oldest committed batches (about `max_frames` frames) and delete them,
    in one transaction; returns how many frames were applied (0: nothing was waiting).

    A hook's own error is logged and the batch still counts as applied (as it always has: a bug in a
    hook must not hold up every later frame); an error of the database itself (`is_retryable`) rolls the
    whole run back, and the caller tries again.
    """
    if not CommittedBatch.objects.exists():
        return 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('monitoring_outbox'))")
        taken: list[int] = []
        committed: list[hooks.Committed] = []
        oldest = CommittedBatch.objects.order_by("pk").values_list("pk", "frames")[:_MAX_BATCHES_PER_RUN]
        # Fetched a few at a time: a run usually fills from its first batches, each up to 1,000 frames.
        for pk, frames in oldest.iterator(chunk_size=_BATCHES_PER_FETCH):
            taken.append(pk)
            for item in json.loads(frames):
                try:
                    committed.append(committed_of(item))
                except HJ212Error as error:
                    logger.error("a committed frame no longer reads (%s): left out of the rollups", error)
            if len(committed) >= max_frames:
                break
        if not taken:
            return 0
        hooks.run_hooks(committed, propagate=is_retryable)
        CommittedBatch.objects.filter(pk__in=taken).delete()
    return len(committed)


def drain() -> int:
    """Apply everything waiting; returns how many frames."""
    total = 0
    while applied := apply_pending():
        total += applied
    return total


def work(stopping: threading.Event, *, interval: float = 0.2) -> int:
    """The hooks worker: apply committed batches as they come until `stopping` is set, waiting out a
    database that is down; returns how many frames it applied."""
    total, delay = 0, 0.5
    while not stopping.is_set():
        try:
            applied = apply_pending()
        except Exception as error:
            if is_retryable(error):
                logger.warning("database unavailable (%s); retrying in %.1f s", error, delay)
            else:
                logger.exception("applying committed batches failed; retrying in %.1f s", delay)
            connection.close()
            stopping.wait(delay)
            delay = min(delay * 2, 10.0)
            continue
        delay = 0.5
        total += applied
        if not applied:
            stopping.wait(interval)
    return total
