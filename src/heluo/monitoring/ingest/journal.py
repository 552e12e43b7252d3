"""What the receiver owes the database besides readings: per-MN status, unknown devices, the message log.

Collected in memory as frames come and go, and written with the next batch (or after `flush_seconds`):
none of it is acknowledged data, so it may wait a second, and it is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from heluo.monitoring.hj212 import BEIJING, CN, Frame, redact_password

from .batch import Outcome
from .policy import Device

MAX_LOG_ENTRIES = 100_000  # beyond this, the oldest unwritten entries are dropped (and counted)
_LOG_TEXT_LIMIT = 4000


class Direction:
    IN = "in"
    OUT = "out"
    REFUSED = "refused"


@dataclass(slots=True)
class StatusDelta:
    frames: int = 0
    stored: int = 0
    duplicates: int = 0
    conflicts: int = 0
    backfilled: int = 0
    heartbeats: int = 0
    refused: int = 0
    last_seen: datetime | None = None
    last_data_time: datetime | None = None
    last_peer: str = ""
    last_refusal: str = ""
    last_refusal_at: datetime | None = None

    def seen(self, at: datetime, peer: str) -> None:
        if self.last_seen is None or at >= self.last_seen:
            self.last_seen = at
            self.last_peer = peer


@dataclass(slots=True)
class UnknownSighting:
    mn: str
    first_seen: datetime
    last_seen: datetime
    count: int
    last_frame: str
    last_peer: str


@dataclass(frozen=True, slots=True)
class LogEntry:
    at: datetime
    mn: str
    direction: str
    cn: str
    peer: str
    reason: str
    text: str


@dataclass(slots=True)
class Accepted:
    """A frame admitted for storage, with where and when it came from."""

    frame: Frame
    device: Device
    peer: str
    received_at: datetime  # aware
    backfill: bool = False
    origin: object = None  # the receiver's connection; opaque here


def printable(text: str) -> str:
    """Log text a person can read and every database can store (PostgreSQL refuses NUL), without the
    device's access password."""
    text = redact_password(text)
    if text.isprintable():
        return text[:_LOG_TEXT_LIMIT]
    escaped = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text[:_LOG_TEXT_LIMIT])
    return escaped[:_LOG_TEXT_LIMIT]


@dataclass
class Journal:
    status: dict[int, StatusDelta] = field(default_factory=dict)
    unknown: dict[str, UnknownSighting] = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)
    dropped_log_entries: int = 0

    def __bool__(self) -> bool:
        return bool(self.status or self.unknown or self.log)

    def take(self) -> Journal:
        """Everything collected so far; this journal starts empty again."""
        taken = Journal(self.status, self.unknown, self.log, self.dropped_log_entries)
        self.status, self.unknown, self.log, self.dropped_log_entries = {}, {}, [], 0
        return taken

    def add_log(self, entry: LogEntry) -> None:
        self.log.append(entry)
        if len(self.log) > MAX_LOG_ENTRIES:
            del self.log[: len(self.log) - MAX_LOG_ENTRIES]
            self.dropped_log_entries += 1

    def refused(
        self,
        *,
        at: datetime,
        mn: str,
        device: Device | None,
        peer: str,
        reason: str,
        message: str,
        text: str = "",
        cn: str = "",
    ) -> None:
        """A frame refused before storage (or by it): logged, and counted on its monitor if it has one."""
        self.add_log(
            LogEntry(
                at,
                mn,
                Direction.REFUSED,
                cn,
                peer,
                reason,
                printable(f"{message}\n{text}" if text else message),
            )
        )
        if device is not None:
            delta = self.status.setdefault(device.monitor_id, StatusDelta())
            delta.refused += 1
            delta.seen(at, peer)
            delta.last_refusal = f"{reason}: {message}"[:200]
            delta.last_refusal_at = at

    def unknown_device(self, frame: Frame, at: datetime, peer: str) -> None:
        sighting = self.unknown.get(frame.mn)
        if sighting is None:
            self.unknown[frame.mn] = UnknownSighting(frame.mn, at, at, 1, printable(frame.raw), peer)
        else:
            sighting.count += 1
            sighting.last_seen = at
            sighting.last_frame = printable(frame.raw)
            sighting.last_peer = peer

    def sent(self, *, at: datetime, mn: str, peer: str, reply: bytes) -> None:
        text = reply.decode("utf-8", errors="replace").rstrip("\r\n")
        self.add_log(
            LogEntry(
                at,
                mn,
                Direction.OUT,
                text[text.find("CN=") + 3 :][:4] if "CN=" in text else "",
                peer,
                "",
                printable(text),
            )
        )

    def received(self, item: Accepted, outcome: Outcome, reason: str = "") -> None:
        """Log and count one frame of a written batch, with its outcome."""
        frame = item.frame
        if outcome is Outcome.REFUSED:
            self.refused(
                at=item.received_at, mn=frame.mn, device=item.device, peer=item.peer,
                reason="storage_error", message=reason, text=frame.raw, cn=frame.cn,
            )  # fmt: skip
            return
        self.add_log(
            LogEntry(
                item.received_at,
                frame.mn,
                Direction.IN,
                frame.cn,
                item.peer,
                str(outcome),
                printable(frame.raw),
            )
        )
        delta = self.status.setdefault(item.device.monitor_id, StatusDelta())
        delta.frames += 1
        delta.seen(item.received_at, item.peer)
        if outcome is Outcome.STORED:
            delta.stored += 1
            delta.backfilled += item.backfill
        elif outcome is Outcome.DUPLICATE:
            delta.duplicates += 1
        elif outcome is Outcome.CONFLICT:
            delta.conflicts += 1
        if frame.cn == CN.HEARTBEAT:
            delta.heartbeats += 1
        if frame.data_time is not None and outcome is not Outcome.NOTED:
            moment = frame.data_time.replace(tzinfo=BEIJING)
            if delta.last_data_time is None or moment > delta.last_data_time:
                delta.last_data_time = moment
