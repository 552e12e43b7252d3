"""`heluo hj212 simulate`: stations that speak HJ 212 over TCP as real devices do.

Each station has its own connection, sends R frames a second (each with its own DataTime from a clock
that runs R times faster than real time when R > 1), resends a frame not acknowledged within
`retry_seconds` (up to `retries` times, as HJ 212's default of 10 s and 3 tries), keeps what it could not
send while its connection was down, and reopens a dropped connection. `ack_log` gets one line
`mn,cn,data_time` per acknowledged frame.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TextIO

from heluo.monitoring.hj212 import CN, Frame, StreamDecoder, beijing_now

from .simulation import Episode, SimulatedFrame, StationProfile, Weather, realtime_frame

_ACKS = frozenset({CN.DATA_REPLY, CN.NOTIFICATION_REPLY})
# A device's memory: frames kept while it cannot send; the oldest are lost beyond this.
MAX_PENDING_PER_STATION = 10_000
START_SPREAD_SECONDS = 2.0


@dataclass
class Totals:
    sent: int = 0
    resent: int = 0
    acknowledged: int = 0
    given_up: int = 0
    connections: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class _Pending:
    frame: SimulatedFrame
    tries: int = 0
    due: float = 0.0


@dataclass
class Station:
    profile: StationProfile
    weather: Weather
    clock: datetime  # the next frame's DataTime
    step: timedelta
    pending: dict[str, _Pending] = field(default_factory=dict)
    writer: asyncio.StreamWriter | None = None
    sequence: int = 0


class Simulator:
    def __init__(
        self,
        profiles: Sequence[StationProfile],
        *,
        host: str,
        port: int,
        rate: float,
        retry_seconds: float = 10.0,
        retries: int = 3,
        ack_log: TextIO | None = None,
        start: datetime | None = None,
        seed: int = 0,
        episodes: Mapping[str, tuple[Episode, ...]] | None = None,
    ) -> None:
        if rate <= 0:
            raise ValueError("the rate must be positive")
        self.host, self.port, self.rate = host, port, rate
        self.retry_seconds, self.retries = retry_seconds, retries
        self.ack_log = ack_log
        self.totals = Totals()
        begin = (start or beijing_now()).replace(microsecond=0)
        # Faster than one frame a second, the clock runs `rate` times real time: one second per frame.
        step = timedelta(seconds=1) if rate > 1 else timedelta(seconds=1 / rate)
        dusty = episodes or {}
        self.stations = [
            Station(profile, Weather.for_station(profile.mn, seed, dusty.get(profile.mn, ())), begin, step)
            for profile in profiles
        ]
        self._generating = True
        self._stop_requested = asyncio.Event()

    def stop(self) -> None:
        """Stop generating frames; `run` still waits for the acknowledgements due, as at its duration's end."""
        self._stop_requested.set()

    @property
    def stopping(self) -> bool:
        return self._stop_requested.is_set()

    async def run(self, duration: float | None = None) -> Totals:
        """Send for `duration` seconds (forever when None) or until `stop()`, then wait for the
        acknowledgements still due."""
        tasks = [
            asyncio.create_task(self._station(station, index)) for index, station in enumerate(self.stations)
        ]
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop_requested.wait(), duration)
            self._generating = False
            settle = self.retry_seconds * (self.retries + 1) + 2
            deadline = time.monotonic() + settle
            while time.monotonic() < deadline and any(s.pending for s in self.stations):
                await asyncio.sleep(0.1)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for station in self.stations:
                self.totals.given_up += len(station.pending)
                station.pending.clear()
                if station.writer is not None:
                    station.writer.close()
        return self.totals

    async def _station(self, station: Station, index: int) -> None:
        interval = 1 / self.rate
        # Stations start spread over one interval (real devices are not synchronised), but over at most
        # a few seconds: a platform that starts again hears every device at once, before the alarm
        # scan can take a slow start for a device gone offline.
        await asyncio.sleep(min(interval, START_SPREAD_SECONDS) * (index % 97) / 97)
        connection = asyncio.create_task(self._keep_connected(station))
        next_tick = time.monotonic()
        try:
            while True:
                now = time.monotonic()
                if self._generating and now >= next_tick:
                    self._generate(station)
                    next_tick += interval
                self._send_due(station, now)
                if not self._generating and not station.pending:
                    return
                wake = min(next_tick if self._generating else now + 0.2, now + 0.2)
                await asyncio.sleep(max(0.0, wake - time.monotonic()))
        finally:
            connection.cancel()

    def _generate(self, station: Station) -> None:
        frame = realtime_frame(station.profile, station.weather, station.clock, station.sequence)
        station.clock += station.step
        station.sequence += 1
        station.pending[frame.qn] = _Pending(frame)
        if len(station.pending) > MAX_PENDING_PER_STATION:
            del station.pending[next(iter(station.pending))]
            self.totals.given_up += 1

    def _send_due(self, station: Station, now: float) -> None:
        writer = station.writer
        if writer is None or writer.is_closing():
            return
        for qn, pending in list(station.pending.items()):
            if pending.due > now:
                continue
            if pending.tries > self.retries:
                del station.pending[qn]
                self.totals.given_up += 1
                continue
            writer.write(pending.frame.data)
            if pending.tries:
                self.totals.resent += 1
            else:
                self.totals.sent += 1
            pending.tries += 1
            pending.due = now + self.retry_seconds

    async def _keep_connected(self, station: Station) -> None:
        delay = 0.2
        while True:
            try:
                reader, writer = await asyncio.open_connection(self.host, self.port)
            except OSError:
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            delay = 0.2
            self.totals.connections += 1
            station.writer = writer
            try:
                await self._read_replies(station, reader)
            finally:
                station.writer = None
                writer.close()
                with contextlib.suppress(Exception):
                    await writer.wait_closed()

    async def _read_replies(self, station: Station, reader: asyncio.StreamReader) -> None:
        # Replies come in the CRC form the device itself uses.
        decoder = StreamDecoder(crc_variants={station.profile.crc_form})
        while True:
            try:
                chunk = await reader.read(65536)
            except OSError:
                return
            if not chunk:
                return
            for item in decoder.feed(chunk):
                if isinstance(item, Frame) and item.cn in _ACKS and item.mn == station.profile.mn:
                    self._acknowledged(station, item)

    def _acknowledged(self, station: Station, reply: Frame) -> None:
        pending = station.pending.pop(reply.qn or "", None)
        if pending is None:
            return  # a second acknowledgement of a frame resent while the first was on its way
        self.totals.acknowledged += 1
        if self.ack_log is not None:
            frame = pending.frame
            self.ack_log.write(f"{station.profile.mn},{frame.cn},{frame.data_time}\n")
