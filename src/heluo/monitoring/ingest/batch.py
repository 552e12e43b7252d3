"""What becomes of each frame of a batch: new, a retransmission of what is stored, or a conflict."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TypeVar

Key = TypeVar("Key")


class Outcome(StrEnum):
    STORED = "stored"  # a new reading
    DUPLICATE = "duplicate"  # the same key and content is stored already: acknowledged again
    CONFLICT = "conflict"  # the same key with other content: kept aside for an operator, acknowledged
    NOTED = "noted"  # not a data upload (heartbeat, time request …): logged, acknowledged
    REFUSED = "refused"  # the database refused it: not acknowledged


def classify(candidates: Sequence[tuple[Key, str]], existing: Mapping[Key, str]) -> list[Outcome]:
    """One outcome per (key, content) candidate, in order, given the contents already stored by key.

    Within a batch the first frame of a key is the one stored; later ones compare against it.
    """
    known: dict[Key, str] = dict(existing)
    outcomes = []
    for key, content in candidates:
        stored = known.get(key)
        if stored is None:
            known[key] = content
            outcomes.append(Outcome.STORED)
        else:
            outcomes.append(Outcome.DUPLICATE if stored == content else Outcome.CONFLICT)
    return outcomes


class BatchClock:
    """When to write: as soon as `size` frames wait, or when the oldest has waited `max_latency` s."""

    def __init__(self, size: int, max_latency: float) -> None:
        self.size = size
        self.max_latency = max_latency

    def wait_for(self, waiting: int, oldest_age: float) -> float:
        """Seconds to wait before writing what is queued (0: write now)."""
        if waiting >= self.size:
            return 0.0
        return max(0.0, self.max_latency - oldest_age)
