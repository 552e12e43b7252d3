"""What the receiver accepts and how it batches: settings, admission of a frame, backfill, batch timing."""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from enum import StrEnum

from heluo.monitoring.hj212 import CN, CrcForm, Frame, Sm4Cipher


class Refusal(StrEnum):
    """Why the receiver refused a frame it could parse (the parser's own reasons are hj212.Reason)."""

    UNKNOWN_MN = "unknown_mn"
    INACTIVE = "inactive"
    WRONG_PW = "wrong_pw"
    CRC_FORM_NOT_ALLOWED = "crc_form_not_allowed"
    NO_DATA_TIME = "no_data_time"
    OUTSIDE_WINDOW = "outside_window"
    STORAGE_ERROR = "storage_error"
    SHUTTING_DOWN = "shutting_down"
    MN_MISMATCH = "mn_mismatch"  # HTTP/MQTT: a frame of another MN than the device that sent it
    BAD_PAYLOAD = "bad_payload"  # HTTP/MQTT: not a frame at all
    LOCKED_OUT = "locked_out"  # too many wrong passwords from this address lately


@dataclass(frozen=True, slots=True)
class Device:
    """What the receiver knows of a registered monitor (a snapshot of its ledger row)."""

    monitor_id: int
    mn: str
    pw: str
    active: bool = True
    crc_variants: frozenset[CrcForm] = frozenset()
    cipher: Sm4Cipher | None = None
    # Multiplies particulate values into µg/m³ (1000 for a device that sends mg/m³).
    particulate_factor: float = 1.0
    minute_interval: int = 1  # minutes one minute-data upload (CN 2051) covers


@dataclass(frozen=True)
class IngestSettings:
    """Every knob of the receiver; each is also an environment variable HELUO_HJ212_<NAME>."""

    batch_size: int = 500
    max_latency_ms: int = 50
    # Frames waiting for the database before connections stop being read (backpressure). Small on
    # purpose: a long queue only adds latency, and parsing it starves the database thread of the CPU.
    queue_limit: int = 2_000
    # Frames of one connection waiting before that connection alone stops being read: a device sending
    # its backlog (补传) is paced, not refused, and the live frames of others do not queue behind all of it.
    connection_queue_limit: int = 200
    max_age_days: int = 90  # a DataTime older than this is refused (a dead clock at 2000-01-01)
    max_ahead_minutes: int = 60  # a DataTime this far in the future is refused
    backfill_grace_minutes: int = 30  # later than its interval plus this: marked as backfill (补传)
    log_days: int = 7  # the message log keeps this many days
    flush_seconds: float = 1.0  # status, unknown devices and log entries reach the database this often
    registry_seconds: float = 10.0  # the device list is reloaded this often
    max_bytes_without_frame: int = 64 * 1024

    @classmethod
    def from_env(cls, env: Mapping[str, str], **overrides: object) -> IngestSettings:
        """Defaults, then HELUO_HJ212_* variables, then `overrides` (command-line options) that are not None."""
        values: dict[str, object] = {}
        for spec in fields(cls):
            text = env.get(f"HELUO_HJ212_{spec.name.upper()}", "").strip()
            if text:
                kind = float if spec.type in ("float", float) else int
                try:
                    values[spec.name] = kind(text)
                except ValueError as error:
                    raise ValueError(f"HELUO_HJ212_{spec.name.upper()}={text!r} is not a number") from error
        values.update({name: value for name, value in overrides.items() if value is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        for spec in fields(self):
            if getattr(self, spec.name) <= 0:
                raise ValueError(f"{spec.name} must be positive")

    @property
    def max_latency(self) -> float:
        return self.max_latency_ms / 1000

    @property
    def low_water(self) -> int:
        """Paused connections are read again once the queue is below this."""
        return self.queue_limit // 2


def is_data(cn: str) -> bool:
    """Uploads stored as readings: CN 2xxx (real-time, minute, hourly, daily data, status …)."""
    return cn.startswith("2")


def admit(
    frame: Frame, device: Device | None, now: datetime, settings: IngestSettings
) -> tuple[Refusal, str] | None:
    """None when the frame may go to storage, else why not (a code and a message for the log).

    `now` is naive Beijing time, like `frame.data_time`.
    """
    if device is None:
        return Refusal.UNKNOWN_MN, f"MN {frame.mn} is not registered"
    if not device.active:
        return Refusal.INACTIVE, f"monitor {frame.mn} is not active"
    if frame.pw != device.pw:
        return Refusal.WRONG_PW, f"wrong password for {frame.mn}"
    if frame.crc_form is not CrcForm.STANDARD and frame.crc_form not in device.crc_variants:
        return Refusal.CRC_FORM_NOT_ALLOWED, f"CRC form {frame.crc_form} is not allowed for {frame.mn}"
    if is_data(frame.cn):
        if frame.data_time is None:
            return Refusal.NO_DATA_TIME, "a data upload needs a readable DataTime to be stored under"
        return check_window(frame.data_time, now, settings)
    return None


def check_window(data_time: datetime, now: datetime, settings: IngestSettings) -> tuple[Refusal, str] | None:
    earliest = now - timedelta(days=settings.max_age_days)
    latest = now + timedelta(minutes=settings.max_ahead_minutes)
    if data_time < earliest or data_time > latest:
        return (
            Refusal.OUTSIDE_WINDOW,
            f"DataTime {data_time:%Y-%m-%d %H:%M:%S} is outside {earliest:%Y-%m-%d %H:%M} – {latest:%Y-%m-%d %H:%M}",
        )
    return None


# How long after its DataTime a frame normally arrives: DataTime is the start of the interval.
_EXPECTED_LAG: dict[str, timedelta] = {
    CN.REALTIME_DATA: timedelta(0),
    CN.MINUTE_DATA: timedelta(hours=1),  # minute intervals are set per device, up to an hour
    CN.HOUR_DATA: timedelta(hours=1),
    CN.DAY_DATA: timedelta(days=1),
    CN.DAY_RUNNING_TIME: timedelta(days=1),
}


def is_backfill(cn: str, data_time: datetime, received: datetime, settings: IngestSettings) -> bool:
    """Whether a frame arrived later than its interval allows (补传): both times naive Beijing."""
    lag = _EXPECTED_LAG.get(cn, timedelta(0))
    return received - data_time > lag + timedelta(minutes=settings.backfill_grace_minutes)


def crc_forms(devices: Collection[Device]) -> set[CrcForm]:
    """The CRC variants any device allows: the stream decoder accepts these, admission checks per device."""
    return {form for device in devices for form in device.crc_variants}


@dataclass
class Lockout:
    """Wrong passwords counted per MN and address and per address, as logins are: `limit` failures for
    one MN from one address (`limit` × `address_factor` for any MN from it) within `cooloff_seconds`
    refuse that address until the oldest of them is older than the cool-off. `now` is any monotonic
    clock in seconds. Kept in memory, bounded: a guesser cannot grow it past `max_keys` keys."""

    limit: int
    cooloff_seconds: float
    address_factor: int = 5
    max_keys: int = 10_000
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    def locked(self, mn: str, host: str, now: float) -> bool:
        return self._over(f"{mn}@{host}", self.limit, now) or self._over(
            host, self.limit * self.address_factor, now
        )

    def failed(self, mn: str, host: str, now: float) -> None:
        for key in (f"{mn}@{host}", host):
            if key not in self._failures and len(self._failures) >= self.max_keys:
                self._failures.pop(next(iter(self._failures)))
            self._failures.setdefault(key, deque()).append(now)

    def _over(self, key: str, limit: int, now: float) -> bool:
        times = self._failures.get(key)
        if not times:
            return False
        while times and now - times[0] >= self.cooloff_seconds:
            times.popleft()
        if not times:
            del self._failures[key]
            return False
        return len(times) >= limit
