"""After-commit hooks: callables that receive the frames of each committed batch.

The monitoring platform hangs its rollups and alarms here (an app's `ready()` calls `register`). Frames
the TCP receiver stores reach the hooks through the outbox (`services.outbox`) and the hooks worker, in
a process of its own; frames over HTTP and MQTT, and the demo's, run them right after their commit. An
exception in a hook is logged and changes nothing for the frames (they are stored and acknowledged).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from heluo.monitoring.hj212 import Frame
from heluo.monitoring.ingest.batch import Outcome
from heluo.monitoring.ingest.journal import Accepted

logger = logging.getLogger("heluo.monitoring.hooks")


@dataclass(frozen=True, slots=True)
class Committed:
    frame: Frame
    monitor_id: int
    outcome: Outcome  # stored, duplicate, conflict or noted
    backfill: bool
    received_at: datetime
    # How the device's values read (its monitor's settings when the frame was admitted).
    particulate_factor: float = 1.0
    minute_interval: int = 1


CommitHook = Callable[[Sequence[Committed]], None]
_HOOKS: list[CommitHook] = []


def register(hook: CommitHook) -> CommitHook:
    """Add a hook (usable as a decorator); adding the same hook twice keeps one."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)
    return hook


def run_hooks(
    committed: Sequence[Committed], *, propagate: Callable[[BaseException], bool] = lambda error: False
) -> None:
    """Run every hook on `committed`, each all or nothing (a savepoint). A hook's error is logged and the
    other hooks still run, unless `propagate` holds for it (the database itself failed: the caller
    retries)."""
    if not committed:
        return
    for hook in list(_HOOKS):
        try:
            with transaction.atomic():
                hook(committed)
        except Exception as error:
            if propagate(error):
                raise
            logger.exception("commit hook %r failed on %d frames", hook, len(committed))


def has_hooks() -> bool:
    return bool(_HOOKS)


def committed(item: Accepted, outcome: Outcome) -> Committed:
    """The hooks' view of an admitted frame that was committed with `outcome`."""
    return Committed(
        item.frame, item.device.monitor_id, outcome, item.backfill, item.received_at,
        item.device.particulate_factor, item.device.minute_interval,
    )  # fmt: skip
