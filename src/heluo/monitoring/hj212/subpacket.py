"""Reassembly of split packets (Flag bit D, PNUM/PNO).

Each part has its own QN and is answered on its own; this only joins their values. Pure and bounded:
the caller passes `now`, so expiry is driven and tested without a clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .errors import HJ212Error, Reason
from .model import Frame, Value


@dataclass(frozen=True, slots=True)
class PacketKey:
    mn: str
    cn: str
    stem: str  # the parts' DataTime, or their QN to the second when there is none


@dataclass(frozen=True, slots=True)
class CombinedPacket:
    key: PacketKey
    frames: tuple[Frame, ...]  # in PNO order

    @property
    def values(self) -> tuple[Value, ...]:
        return tuple(value for frame in self.frames for value in frame.values)


@dataclass
class _Pending:
    pnum: int
    first_seen: datetime
    parts: dict[int, Frame] = field(default_factory=dict)


def packet_key(frame: Frame) -> PacketKey:
    stem = frame.cp_value("DataTime") or (frame.qn or "")[:14]
    return PacketKey(frame.mn, frame.cn, stem)


class SubpacketCollector:
    """Holds parts until all have arrived; at most `max_pending` groups, the oldest dropped first."""

    def __init__(self, *, max_pending: int = 1024, max_age: timedelta = timedelta(minutes=10)) -> None:
        if max_pending < 1:
            raise ValueError("max_pending must be at least 1")
        self.max_pending = max_pending
        self.max_age = max_age
        self.dropped = 0  # groups evicted or expired before they were complete
        self._pending: dict[PacketKey, _Pending] = {}

    @property
    def pending(self) -> int:
        return len(self._pending)

    def add(self, frame: Frame, now: datetime) -> CombinedPacket | None:
        """The whole packet once `frame` completes it; a frame that is not split is whole at once."""
        key = packet_key(frame)
        if frame.pnum is None or (frame.pnum == 1 and frame.pno in (None, 1)):
            return CombinedPacket(key, (frame,))
        if frame.pno is None or not 1 <= frame.pno <= frame.pnum:
            raise HJ212Error(Reason.BAD_SUBPACKET, f"packet {frame.pno} of {frame.pnum} is out of range")
        group = self._pending.get(key)
        if group is None or group.pnum != frame.pnum:
            # A different PNUM means the device started the split again.
            group = self._start(key, frame.pnum, now)
        group.parts[frame.pno] = frame  # a resent part replaces the first copy
        if len(group.parts) < group.pnum:
            return None
        del self._pending[key]
        return CombinedPacket(key, tuple(group.parts[number] for number in range(1, group.pnum + 1)))

    def expire(self, now: datetime) -> list[PacketKey]:
        """Drop the groups first seen more than `max_age` before `now`; returns their keys."""
        expired = [key for key, group in self._pending.items() if now - group.first_seen > self.max_age]
        for key in expired:
            del self._pending[key]
        self.dropped += len(expired)
        return expired

    def _start(self, key: PacketKey, pnum: int, now: datetime) -> _Pending:
        if self._pending.pop(key, None) is not None:
            self.dropped += 1
        if len(self._pending) >= self.max_pending:
            del self._pending[next(iter(self._pending))]
            self.dropped += 1
        group = self._pending[key] = _Pending(pnum, now)
        return group
