"""The HJ 212 receiver (`heluo hj212 serve`): asyncio TCP in front, one database thread behind.

Each connection splits its bytes into frames (hj212.StreamDecoder), admits or refuses each frame
(ingest.policy.admit) and queues the admitted ones. One writer takes the queue in batches to the
database thread (services.write_batch) and only when a batch is committed sends its acknowledgements.
The rollups and alarms of what it stored are the hooks worker's (services.outbox): an acknowledgement
waits for its own commit only.
When the queue is full, connections are no longer read (backpressure), and a connection with many frames
queued (a device sending its backlog) is not read until the writer has taken half of them, so that
other devices' live frames are not queued behind a whole backlog; on SIGTERM/SIGINT the receiver
stops accepting and reading, writes what is queued, acknowledges what committed, and closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar, cast

from django.conf import settings as django_settings
from django.db import close_old_connections, connection

from heluo.monitoring import services
from heluo.monitoring.hj212 import (
    BEIJING,
    CrcForm,
    Frame,
    HJ212Error,
    Reason,
    Sm4Cipher,
    StreamDecoder,
    replies_for,
)
from heluo.monitoring.ingest.batch import BatchClock, Outcome
from heluo.monitoring.ingest.journal import Accepted, Journal
from heluo.monitoring.ingest.policy import (
    Device,
    IngestSettings,
    Lockout,
    Refusal,
    admit,
    crc_forms,
    is_backfill,
    is_data,
)

logger = logging.getLogger("heluo.monitoring.receiver")
T = TypeVar("T")

# The device list is reloaded at most this often when an unknown MN asks for it.
_RELOAD_MIN_SECONDS = 2.0
_MAINTENANCE_SECONDS = 3600.0
# A peer that does not read its acknowledgements is not read either beyond this much unsent data.
_WRITE_HIGH_WATER = 256 * 1024
_SHUTDOWN_GRACE_SECONDS = 20.0
_MAX_UNATTRIBUTED = 100
_SWITCH_INTERVAL_SECONDS = 0.0005


def _close_connection() -> None:
    # Django's connection is per thread: this must run in the database thread, where it was opened.
    connection.close()


def _times(now: float) -> tuple[datetime, datetime]:
    """(aware UTC, naive Beijing) for a time.time() value: frames' times are naive Beijing."""
    return datetime.fromtimestamp(now, UTC), datetime.fromtimestamp(now, BEIJING).replace(tzinfo=None)


class Connection(asyncio.Protocol):
    """One TCP peer: a device, or a vendor's cloud speaking for many devices."""

    def __init__(self, receiver: Receiver) -> None:
        self.receiver = receiver
        self.transport: asyncio.Transport | None = None
        self.decoder = StreamDecoder(
            crc_variants=receiver.crc_forms,
            ciphers=receiver.ciphers,
            max_bytes_without_frame=receiver.settings.max_bytes_without_frame,
        )
        self.peer = ""
        self.mns: set[str] = set()
        self.last_mn = ""
        self.host = ""
        self.read_paused = False
        self.write_paused = False
        self.queued = 0  # its frames in the receiver's queue
        self.held: deque[tuple[Frame, datetime, datetime]] = deque()  # read, not yet admitted
        # Refusals before the connection said which MN it speaks for: filed once it does (or on close).
        self.unattributed: list[dict[str, Any]] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, but have its methods.
        self.transport = cast(asyncio.Transport, transport)
        self.transport.set_write_buffer_limits(high=_WRITE_HIGH_WATER)
        peer = transport.get_extra_info("peername")
        self.peer = f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer or "")
        self.host = str(peer[0]) if isinstance(peer, tuple) else self.peer
        self.receiver.connections.add(self)
        if self.receiver.stopping:
            transport.close()
        elif self.receiver.queue_full:
            self.pause_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        self.receiver.attribute(self, "")
        self.receiver.connections.discard(self)
        self.receiver.paused.discard(self)
        self.transport = None

    def data_received(self, data: bytes) -> None:
        receiver = self.receiver
        if receiver.stopping:
            return
        received_at, local_now = _times(time.time())
        for item in self.decoder.feed(data):
            if isinstance(item, HJ212Error):
                receiver.refuse_unparsed(self, item, received_at)
                if item.reason is Reason.TOO_LONG and self.transport is not None:
                    self.transport.close()
                    return
            else:
                self.mns.add(item.mn)
                self.last_mn = item.mn
                if self.unattributed:
                    receiver.attribute(self, item.mn)
                if self.held or self.queued >= receiver.settings.connection_queue_limit:
                    # One read brings up to 256 KB (hundreds of frames): beyond its share of the queue
                    # a connection's frames wait here, in order, and its reading stops.
                    self.held.append((item, received_at, local_now))
                else:
                    receiver.admit(self, item, received_at, local_now)
        if receiver.queue_full:
            # Every connection stops, not only this one: with thousands of devices each sending a
            # frame, pausing them one by one as they deliver would let the queue overshoot by thousands.
            receiver.pause_all()
        elif self.queued >= receiver.settings.connection_queue_limit:
            # This one alone, until the writer has taken half of its frames: the others go on.
            self.pause_reading()

    def release(self) -> None:
        """Admit the frames held back while the connection is under its share of the queue again."""
        limit = self.receiver.settings.connection_queue_limit
        while self.held and self.queued < limit:
            self.receiver.admit(self, *self.held.popleft())

    @property
    def may_read(self) -> bool:
        return (
            not self.receiver.queue_full
            and not self.held
            and self.queued < self.receiver.settings.connection_queue_limit
        )

    def pause_writing(self) -> None:
        self.write_paused = True
        self.pause_reading()

    def resume_writing(self) -> None:
        self.write_paused = False
        if self.may_read:
            self.resume_reading()

    def pause_reading(self) -> None:
        if not self.read_paused and self.transport is not None:
            self.transport.pause_reading()
            self.read_paused = True
            self.receiver.paused.add(self)

    def resume_reading(self) -> None:
        if (
            self.read_paused
            and not self.write_paused
            and self.transport is not None
            and not self.receiver.stopping
        ):
            self.transport.resume_reading()
            self.read_paused = False
            self.receiver.paused.discard(self)

    @property
    def is_open(self) -> bool:
        return self.transport is not None and not self.transport.is_closing()

    def send(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


class Receiver:
    def __init__(
        self, settings: IngestSettings, *, host: str = "127.0.0.1", port: int = 9212, reuse_port: bool = False
    ) -> None:
        self.settings = settings
        self.host = host
        self.port = port
        # Several receiver processes listen on one port; the kernel spreads the connections (SO_REUSEPORT).
        self.reuse_port = reuse_port
        self.queue: deque[Accepted] = deque()
        self.journal = Journal()
        self.devices: dict[str, Device] = {}
        self._device_rows: services.DeviceRows = {}  # the device list as last read (services.load_devices)
        # Shared with every connection's decoder and updated in place when the device list is reloaded.
        self.ciphers: dict[str, Sm4Cipher] = {}
        self.crc_forms: set[CrcForm] = set()
        self.connections: set[Connection] = set()
        self.paused: set[Connection] = set()
        self.stopping = False
        self.counts: dict[str, int] = {"frames": 0, "acknowledged": 0, "refused": 0, "batches": 0}
        # Password guessing over TCP is throttled as over HTTP (the same limit and cool-off).
        self.lockout = Lockout(
            django_settings.DEVICE_FAILURE_LIMIT, django_settings.DEVICE_COOLOFF_MINUTES * 60.0
        )
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="heluo-hj212-db")
        self._wakeup = asyncio.Event()
        self._draining = False
        self._reload_wanted = False
        self._last_reload = 0.0
        self._last_flush = time.monotonic()
        self._server: asyncio.Server | None = None
        self._tasks: list[asyncio.Task[None]] = []

    # --- lifecycle ------------------------------------------------------------------------------
    async def start(self) -> None:
        await self._db(self._prepare)
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: Connection(self),
            self.host,
            self.port,
            reuse_address=True,
            reuse_port=self.reuse_port or None,
            backlog=4096,
        )
        sockets = self._server.sockets or ()
        if sockets:
            self.port = sockets[0].getsockname()[1]
        self._tasks = [
            asyncio.create_task(self._write_loop(), name="hj212-writer"),
            asyncio.create_task(self._maintain(), name="hj212-maintenance"),
        ]

    async def stop(self) -> None:
        """Stop accepting and reading, write and acknowledge what is queued, then close everything."""
        self.stopping = True
        if self._server is not None:
            self._server.close()
        for conn in list(self.connections):
            if conn.transport is not None:
                conn.transport.pause_reading()
        self._draining = True
        self._wakeup.set()
        writer, maintenance = self._tasks
        maintenance.cancel()
        try:
            await asyncio.wait_for(writer, timeout=_SHUTDOWN_GRACE_SECONDS)
        except TimeoutError:
            logger.error(
                "gave up writing %d queued frames at shutdown: they stay unacknowledged", len(self.queue)
            )
        await self._flush_journal()
        for conn in list(self.connections):
            conn.close()
        deadline = time.monotonic() + 5
        while self.connections and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await self._db(_close_connection)
        self._executor.shutdown(wait=True)

    # --- admission (event loop) -----------------------------------------------------------------
    @property
    def queue_full(self) -> bool:
        return len(self.queue) >= self.settings.queue_limit

    def pause_all(self) -> None:
        for conn in list(self.connections):
            conn.pause_reading()

    def admit(self, conn: Connection, frame: Frame, received_at: datetime, local_now: datetime) -> None:
        self.counts["frames"] += 1
        device = self.devices.get(frame.mn)
        if self.lockout.locked(frame.mn, conn.host, time.monotonic()):
            refusal: tuple[Refusal, str] | None = (
                Refusal.LOCKED_OUT,
                f"too many wrong passwords from {conn.host}: refused for the cool-off time",
            )
        else:
            refusal = admit(frame, device, local_now, self.settings)
        if refusal is not None:
            reason, message = refusal
            if reason is Refusal.WRONG_PW:
                self.lockout.failed(frame.mn, conn.host, time.monotonic())
            if reason is Refusal.UNKNOWN_MN:
                self.journal.unknown_device(frame, received_at, conn.peer)
                self._reload_wanted = True
            self._refuse(
                mn=frame.mn,
                device=device,
                peer=conn.peer,
                at=received_at,
                reason=reason,
                message=message,
                text=frame.raw,
                cn=frame.cn,
            )
            return
        backfill = (
            is_data(frame.cn)
            and frame.data_time is not None
            and is_backfill(frame.cn, frame.data_time, local_now, self.settings)
        )
        self.queue.append(Accepted(frame, device, conn.peer, received_at, backfill, conn))  # type: ignore[arg-type]
        conn.queued += 1
        if len(self.queue) == 1 or len(self.queue) >= self.settings.batch_size:
            self._wakeup.set()

    def refuse_unparsed(self, conn: Connection, error: HJ212Error, at: datetime) -> None:
        """A refusal before the frame could be read: filed under the MN the connection speaks for, or
        held until the connection names one (bounded; the oldest are filed without an MN)."""
        self.counts["frames"] += 1
        entry = {"peer": conn.peer, "at": at, "reason": str(error.reason), "message": error.message}
        if conn.last_mn:
            self._refuse_on_connection(conn, conn.last_mn, entry)
            return
        conn.unattributed.append(entry)
        if len(conn.unattributed) > _MAX_UNATTRIBUTED:
            self._refuse(mn="", device=None, **conn.unattributed.pop(0))

    def attribute(self, conn: Connection, mn: str) -> None:
        held, conn.unattributed = conn.unattributed, []
        for entry in held:
            self._refuse_on_connection(conn, mn, entry)

    def _refuse_on_connection(self, conn: Connection, mn: str, entry: dict[str, Any]) -> None:
        # Counted on a monitor only when the connection speaks for that one MN alone (a device, not a cloud).
        device = self.devices.get(mn) if mn and conn.mns == {mn} else None
        self._refuse(mn=mn, device=device, **entry)

    def _refuse(self, **entry: Any) -> None:
        self.counts["refused"] += 1
        self.journal.refused(**entry)

    # --- writing (event loop side) --------------------------------------------------------------
    async def _write_loop(self) -> None:
        clock = BatchClock(self.settings.batch_size, self.settings.max_latency)
        while True:
            if not self.queue:
                if self._draining:
                    return
                await self._wait(self.settings.flush_seconds)
                if not self.queue:
                    if self.journal and self._flush_due():
                        await self._flush_journal()
                    continue
            while not self._draining:
                delay = clock.wait_for(len(self.queue), time.time() - self.queue[0].received_at.timestamp())
                if delay <= 0:
                    break
                await self._wait(delay)
            count = min(len(self.queue), self.settings.batch_size)
            batch = [self.queue.popleft() for _ in range(count)]
            for item in batch:
                item.origin.queued -= 1  # type: ignore[attr-defined]
            journal = self.journal.take() if self._flush_due() or self._draining else Journal()
            if journal:
                self._last_flush = time.monotonic()
            results = await self._write(batch, journal)
            self._acknowledge(batch, results)
            if len(self.queue) < self.settings.low_water:
                connection_low = self.settings.connection_queue_limit // 2
                for conn in list(self.paused):
                    if conn.queued <= connection_low:
                        conn.release()
                        if conn.may_read:
                            conn.resume_reading()

    async def _wait(self, seconds: float) -> None:
        self._wakeup.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), timeout=seconds)

    def _flush_due(self) -> bool:
        return time.monotonic() - self._last_flush >= self.settings.flush_seconds

    async def _write(self, batch: list[Accepted], journal: Journal) -> list[services.Result]:
        """The batch's results, retrying while the database is unreachable or locked (frames wait)."""
        delay = 0.5
        started = time.monotonic()
        while True:
            try:
                return await self._db(partial(services.write_batch, batch, journal, defer_hooks=True))
            except Exception as error:
                if not services.is_retryable(error):
                    # A bug, not the frames: refuse them unacknowledged (devices resend) and go on.
                    logger.exception("writing a batch of %d frames failed", len(batch))
                    return [(Outcome.REFUSED, f"{type(error).__name__}: {error}")] * len(batch)
                if self.stopping and time.monotonic() - started > _SHUTDOWN_GRACE_SECONDS / 2:
                    return [(Outcome.REFUSED, Refusal.SHUTTING_DOWN.value)] * len(batch)
                logger.warning("database unavailable (%s); retrying in %.1f s", error, delay)
                await self._db(_close_connection)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)

    def _acknowledge(self, batch: list[Accepted], results: list[services.Result]) -> None:
        """Send the replies of every committed frame, in order; log and count them."""
        self.counts["batches"] += 1
        received_at, local_now = _times(time.time())
        # One write per connection and batch: a cloud forwarding many devices gets its acks together.
        outgoing: dict[Connection, list[bytes]] = {}
        for item, (outcome, reason) in zip(batch, results, strict=True):
            self.journal.received(item, outcome, reason)
            if outcome is Outcome.REFUSED:
                self.counts["refused"] += 1
                continue
            conn: Connection = item.origin  # type: ignore[assignment]
            if conn.is_open:
                for reply in replies_for(item.frame, local_now):
                    outgoing.setdefault(conn, []).append(reply)
                    self.journal.sent(at=received_at, mn=item.frame.mn, peer=item.peer, reply=reply)
            self.counts["acknowledged"] += 1
        for conn, replies in outgoing.items():
            conn.send(b"".join(replies))

    async def _flush_journal(self) -> None:
        journal = self.journal.take()
        self._last_flush = time.monotonic()
        if journal:
            try:
                await self._db(services.write_journal, journal)
            except Exception:
                logger.exception("could not write the receiver's journal")

    # --- database thread ------------------------------------------------------------------------
    async def _db(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def _prepare(self) -> None:
        created = services.ensure_partitions(max_age_days=self.settings.max_age_days)
        if created:
            logger.info("created %d readings partitions", created)
        self._load_devices()

    def _load_devices(self) -> None:
        close_old_connections()
        previous = self._device_rows
        self._device_rows = services.load_devices(previous)
        if self._device_rows.keys() != previous.keys():
            self._install(list(self._device_rows.values()))

    def _install(self, devices: list[Device]) -> None:
        # Runs in the database thread; the dicts are swapped or updated whole, which the event loop
        # may read at any moment (each assignment is atomic under the GIL).
        self.devices = {device.mn: device for device in devices}
        ciphers = {device.mn: device.cipher for device in devices if device.cipher is not None}
        for mn in set(self.ciphers) - set(ciphers):
            del self.ciphers[mn]
        self.ciphers.update(ciphers)
        forms = crc_forms(devices)
        self.crc_forms.intersection_update(forms)
        self.crc_forms.update(forms)

    async def _maintain(self) -> None:
        last_housekeeping = time.monotonic()
        while True:
            await asyncio.sleep(1.0)
            now = time.monotonic()
            due = now - self._last_reload >= self.settings.registry_seconds
            wanted = self._reload_wanted and now - self._last_reload >= _RELOAD_MIN_SECONDS
            if due or wanted:
                self._reload_wanted = False
                self._last_reload = now
                try:
                    await self._db(self._load_devices)
                except Exception:
                    logger.exception("could not reload the device list")
            if now - last_housekeeping >= _MAINTENANCE_SECONDS:
                last_housekeeping = now
                try:
                    await self._db(self._housekeeping)
                except Exception:
                    logger.exception("housekeeping failed")

    def _housekeeping(self) -> None:
        services.ensure_partitions(max_age_days=self.settings.max_age_days)
        pruned = services.prune_message_log(keep_days=self.settings.log_days)
        if pruned:
            logger.info("pruned %d message log entries", pruned)


def run(
    settings: IngestSettings,
    *,
    host: str,
    port: int,
    reuse_port: bool = False,
    started: Callable[[Receiver], None] = lambda receiver: None,
    stopping: Callable[[Receiver], None] = lambda receiver: None,
    stopped: Callable[[Receiver], None] = lambda receiver: None,
) -> None:
    """Serve until SIGTERM or SIGINT, then shut down cleanly (uvloop when it is installed)."""

    async def serve() -> None:
        # The database thread gives the GIL back at every statement and waits to retake it behind the
        # event loop, which parses frames without a pause: with the default 5 ms switch interval it
        # fell hopelessly behind at 5,000 single-frame connections (docs/benchmarks.md).
        sys.setswitchinterval(_SWITCH_INTERVAL_SECONDS)
        receiver = Receiver(settings, host=host, port=port, reuse_port=reuse_port)
        await receiver.start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        started(receiver)
        await stop.wait()
        stopping(receiver)
        await receiver.stop()
        stopped(receiver)

    try:
        import uvloop
    except ImportError:
        asyncio.run(serve())
    else:
        uvloop.run(serve())
