"""Frames that come over HTTP (`POST /api/monitoring/frames/`) or MQTT (`heluo hj212 mqtt`): the same
admission (ingest.policy.admit), storage (write_batch, one transaction, split on refusal), message log,
status and after-commit hooks as the TCP receiver, called synchronously.

Each call speaks for one device (the HTTP request's authenticated device, the MQTT topic's MN): a
frame of another MN is refused. The answer says, per frame, whether it was committed; nothing is
committed that the answer does not report, and nothing reported committed is lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from heluo.monitoring import hooks
from heluo.monitoring.conf import ingest_settings
from heluo.monitoring.hj212 import BEIJING, Frame, HJ212Error, build_frame, parse_frame
from heluo.monitoring.ingest.batch import Outcome
from heluo.monitoring.ingest.journal import Accepted, Journal
from heluo.monitoring.ingest.policy import Device, IngestSettings, Refusal, admit, is_backfill, is_data
from heluo.monitoring.models import Monitor

from . import device_of, write_batch, write_journal

MAX_FRAMES = 1000  # per request or call
_VALUE_KEY = re.compile(r"^[A-Za-z0-9]{1,12}-[A-Za-z]{1,12}$")


@dataclass(frozen=True, slots=True)
class FrameResult:
    """What became of one frame: committed (stored, duplicate, conflict or noted) or refused, and why."""

    index: int
    outcome: str
    reason: str = ""
    message: str = ""
    mn: str = ""
    cn: str = ""
    qn: str = ""
    data_time: str = ""

    @property
    def committed(self) -> bool:
        return self.outcome != Outcome.REFUSED

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index, "committed": self.committed, "outcome": self.outcome, "reason": self.reason,
            "message": self.message, "mn": self.mn, "cn": self.cn, "qn": self.qn, "data_time": self.data_time,
        }  # fmt: skip


def device_for(mn: str) -> Device | None:
    monitor = Monitor.objects.filter(mn=mn).first()
    return device_of(monitor) if monitor is not None else None


def _local(now: datetime) -> datetime:
    return now.astimezone(BEIJING).replace(tzinfo=None)


def ingest(
    payloads: Sequence[bytes], *, mn: str, peer: str, settings: IngestSettings | None = None,
    now: datetime | None = None,
) -> list[FrameResult]:  # fmt: skip
    """Admit, store and log the frames of one device, in order; run the after-commit hooks. Raises
    only errors for which `services.is_retryable` holds (the database is unreachable), having
    committed nothing: the caller answers so that the sender tries again."""
    settings = settings or ingest_settings()
    received_at = now or timezone.now()
    device = device_for(mn)
    journal = Journal()
    results: dict[int, FrameResult] = {}
    accepted: list[tuple[int, Accepted]] = []
    for index, payload in enumerate(payloads):
        frame = _parsed(index, payload, device, mn, peer, received_at, journal, results)
        if frame is None:
            continue
        refusal = admit(frame, device, _local(received_at), settings) if frame.mn == mn else (
            Refusal.MN_MISMATCH, f"a frame of {frame.mn} sent as {mn}")  # fmt: skip
        if refusal is not None:
            reason, message = refusal
            if reason is Refusal.UNKNOWN_MN:
                journal.unknown_device(frame, received_at, peer)
            # Filed under the sender (the authenticated device, the topic), whatever MN the frame names.
            journal.refused(at=received_at, mn=mn, device=device, peer=peer, reason=reason, message=message,
                            text=frame.raw, cn=frame.cn)  # fmt: skip
            results[index] = _result(index, frame, Outcome.REFUSED, reason, message)
            continue
        assert device is not None
        backfill = bool(
            is_data(frame.cn)
            and frame.data_time is not None
            and is_backfill(frame.cn, frame.data_time, _local(received_at), settings)
        )
        accepted.append((index, Accepted(frame, device, peer, received_at, backfill)))
    if accepted:
        outcomes = write_batch([item for _index, item in accepted], Journal())
        committed = []
        for (index, item), (outcome, why) in zip(accepted, outcomes, strict=True):
            journal.received(item, outcome, why)
            code = Refusal.STORAGE_ERROR.value if outcome is Outcome.REFUSED else ""
            results[index] = _result(index, item.frame, outcome, code, why)
            if outcome is not Outcome.REFUSED:
                committed.append(hooks.committed(item, outcome))
        write_journal(journal)
        hooks.run_hooks(committed)
    else:
        write_journal(journal)
    return [results[index] for index in range(len(payloads))]


def _parsed(
    index: int, payload: bytes, device: Device | None, mn: str, peer: str, at: datetime, journal: Journal,
    results: dict[int, FrameResult],
) -> Frame | None:  # fmt: skip
    try:
        return parse_frame(
            payload.strip(),
            crc_variants=device.crc_variants if device is not None else (),
            ciphers={device.mn: device.cipher} if device is not None and device.cipher is not None else None,
        )
    except HJ212Error as error:
        code, message = str(error.reason), error.message
    journal.refused(at=at, mn=mn, device=device, peer=peer, reason=code, message=message,
                    text=payload.decode("utf-8", errors="replace"))  # fmt: skip
    results[index] = FrameResult(index, Outcome.REFUSED, code, message, mn=mn)
    return None


def _result(index: int, frame: Frame, outcome: Outcome, reason: str = "", message: str = "") -> FrameResult:
    data_time = frame.cp_value("DataTime") or ""
    return FrameResult(
        index, str(outcome), str(reason), message, frame.mn, frame.cn, frame.qn or "", data_time
    )


def refuse_device(mn: str, *, peer: str, reason: Refusal, message: str) -> None:
    """Log a device's refused attempt to authenticate (wrong PW or token) under its MN."""
    journal = Journal()
    device = device_for(mn) if mn else None
    journal.refused(at=timezone.now(), mn=mn, device=device, peer=peer, reason=reason, message=message)
    write_journal(journal)


def json_frame(item: Mapping[str, Any], device: Device) -> bytes:
    """A frame built from the JSON form of the HTTP endpoint (see docs/monitoring.md): the device's MN
    and PW, `cn`, `data_time` (YYYYMMDDhhmmss), optional `qn`, `st` (22), `flag` (4) and `values`
    ({"a34002-Rtd": 31.2, "a34002-Flag": "N", …}). ValueError says what is wrong."""
    if not isinstance(item, Mapping):
        raise ValueError("a frame is a string or an object")
    cn = str(item.get("cn", ""))
    data_time = str(item.get("data_time", ""))
    if not re.fullmatch(r"\d{4}", cn):
        raise ValueError("cn: 4 digits, e.g. 2011")
    if not re.fullmatch(r"\d{14}", data_time):
        raise ValueError("data_time: YYYYMMDDhhmmss, Beijing time")
    values = item.get("values")
    if not isinstance(values, Mapping) or not values:
        raise ValueError('values: an object of code-suffix: value, e.g. {"a34002-Rtd": 31.2}')
    groups: dict[str, list[tuple[str, str]]] = {}
    for key, value in values.items():
        if not _VALUE_KEY.fullmatch(str(key)):
            raise ValueError(f"values: {key!r} is not code-suffix, e.g. a34002-Rtd")
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError(f"values: {key} must be a number or a text")
        groups.setdefault(str(key).split("-", 1)[0], []).append((str(key), str(value)))
    flag = item.get("flag", 4)
    if isinstance(flag, bool) or not isinstance(flag, int) or not 0 <= flag <= 255:
        raise ValueError("flag: a number 0–255")
    return build_frame(
        st=str(item.get("st", "22")), cn=cn, mn=device.mn, pw=device.pw, qn=str(item.get("qn") or data_time + "000"),
        flag=flag, cp=[[("DataTime", data_time)], *groups.values()], cipher=device.cipher,
    )  # fmt: skip
