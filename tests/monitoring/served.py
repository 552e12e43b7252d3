"""A real receiver for the tests: `heluo hj212 serve` as a subprocess over its own database — a file
SQLite in a temporary HELUO_DATA_DIR, or a fresh PostgreSQL database when HELUO_TEST_DATABASE_URL is set
(pytest-django's in-memory database is invisible to another process) — and devices that talk to it
over plain sockets. The tests wait for conditions with deadlines, never for fixed times."""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest

from heluo.monitoring.hj212 import CrcForm, Frame, HJ212Error, StreamDecoder, build_frame, format_data_time
from tests.databases import drop_database
from tests.installations import heluo_environment, installed

T = TypeVar("T")
DEADLINE = 20.0
SM4_KEY = "0123456789abcdeffedcba9876543210"  # GB/T 32907's own test key
SIMULATED = 10  # SIM00000… : the first monitors, which the simulator speaks for
POOL = 80  # TEST00000… : one or more per test, never shared

SETUP = f"""
from heluo.core.models import Division
from heluo.monitoring.models import Monitor, MonitoringPoint
place = Division.objects.create(code="410302001000", name="西关街道", level=4)
point = MonitoringPoint.objects.create(name="测试工地", division=place)
for number in range({SIMULATED}):
    Monitor.objects.create(mn=f"SIM{{number:05d}}", pw="654321", point=point)
for number in range({POOL}):
    Monitor.objects.create(mn=f"TEST{{number:05d}}", pw="123456", point=point)
Monitor.objects.create(mn="ENC00001", pw="123456", point=point, protocol_version="HJ212_2025",
                       sm4_key="{SM4_KEY}", sm4_padding="pkcs7")
Monitor.objects.create(mn="OFF00001", pw="123456", point=point, active=False)
Monitor.objects.create(mn="MGM00001", pw="123456", point=point, particulate_unit="mg_m3")
Monitor.objects.create(mn="SWAP0001", pw="123456", point=point, accept_crc_swapped=True)
"""


def wait_for(condition: Callable[[], T], what: str, seconds: float = DEADLINE) -> T:
    """The first true value of `condition()`, polled until the deadline."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def data_frame(
    mn: str,
    moment: datetime,
    *,
    pm10: str = "50.0",
    pw: str = "123456",
    qn: str | None = None,
    flag: int = 5,
    cn: str = "2011",
    pnum: int | None = None,
    pno: int | None = None,
    **build: Any,
) -> bytes:
    """A dust upload asking for a reply; its QN is its DataTime plus milliseconds, unless given."""
    data_time = format_data_time(moment)
    suffix = "Rtd" if cn == "2011" else "Avg"
    cp = [
        [("DataTime", data_time)],
        [(f"a34002-{suffix}", pm10), ("a34002-Flag", "N")],
        [(f"a34004-{suffix}", "20.0")],
    ]
    return build_frame(
        st="39",
        cn=cn,
        mn=mn,
        pw=pw,
        qn=qn or f"{data_time}{(pno or 0):03d}",
        flag=flag,
        pnum=pnum,
        pno=pno,
        cp=cp,
        **build,
    )


class Device:
    """A TCP peer: one device, or a vendor's cloud sending for many."""

    def __init__(self, port: int, crc_variants: set[CrcForm] | None = None) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=DEADLINE)
        self.decoder = StreamDecoder(crc_variants=crc_variants or set())
        self.replies: list[Frame] = []
        self.closed = False

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _read(self, timeout: float) -> None:
        self.sock.settimeout(timeout)
        try:
            chunk = self.sock.recv(65536)
        except TimeoutError:
            return
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            self.closed = True
            return
        for item in self.decoder.feed(chunk):
            assert not isinstance(item, HJ212Error), item
            self.replies.append(item)

    def wait_replies(self, count: int, seconds: float = DEADLINE) -> list[Frame]:
        deadline = time.monotonic() + seconds
        while len(self.replies) < count and not self.closed:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"got {len(self.replies)} replies, wanted {count}: {self.replies}")
            self._read(min(remaining, 0.5))
        return self.replies[:count]

    def wait_closed(self, seconds: float = DEADLINE) -> None:
        deadline = time.monotonic() + seconds
        while not self.closed:
            if time.monotonic() > deadline:
                raise AssertionError("the receiver did not close the connection")
            self._read(0.5)

    def close(self) -> None:
        self.sock.close()


@dataclass
class Database:
    """Direct reads of the receiver's database (SQL written with ? placeholders)."""

    path: Path | None = None
    url: str | None = None
    _connection: Any = field(default=None, repr=False)

    def connect(self) -> Any:
        if self.url:
            import psycopg

            return psycopg.connect(self.url.replace("postgres://", "postgresql://", 1), autocommit=True)
        return sqlite3.connect(self.path, timeout=30, isolation_level=None)

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        if self._connection is None:
            self._connection = self.connect()
        if self.url:
            sql = sql.replace("?", "%s")
        return list(self._connection.execute(sql, params).fetchall())

    def value(self, sql: str, *params: Any) -> Any:
        rows = self.rows(sql, *params)
        return rows[0][0] if rows else None

    def readings(self, mn: str) -> int:
        return int(self.value("SELECT COUNT(*) FROM monitoring_reading WHERE mn = ?", mn))

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the readings table so that no batch can commit while inside."""
        connection = self.connect()
        try:
            if self.url:
                connection.autocommit = False
                connection.execute("LOCK TABLE monitoring_reading IN EXCLUSIVE MODE")
            else:
                connection.execute("BEGIN IMMEDIATE")
            yield
        finally:
            connection.rollback() if self.url else connection.execute("ROLLBACK")
            connection.close()


@dataclass
class Installation:
    data_dir: Path
    env: dict[str, str]
    db: Database
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def heluo(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "heluo", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def start_receiver(
        self, port: int, *options: str, log_name: str = "receiver.log", **settings: str
    ) -> subprocess.Popen[bytes]:
        env = {**self.env, **{f"HELUO_HJ212_{name.upper()}": value for name, value in settings.items()}}
        with (self.data_dir / log_name).open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "heluo", "hj212", "serve", "--port", str(port), *options],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.processes.append(process)
        # Counted, not connected to: with --reuse-port another receiver may already listen on the port.
        listening = tcp_sockets(port, LISTEN)
        wait_for(lambda: tcp_sockets(port, LISTEN) > listening or process.poll() is not None,
                 "the receiver to listen", 60)  # fmt: skip
        assert process.poll() is None, (self.data_dir / log_name).read_text()[-3000:]
        return process

    def start_worker(self, *, log_name: str = "worker.log") -> subprocess.Popen[bytes]:
        """The hooks worker (rollups and alarms of what the receiver stored)."""
        with (self.data_dir / log_name).open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "heluo", "hj212", "worker"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.processes.append(process)
        # It says it started (in the installation's language) once it has read the outbox.
        wait_for(lambda: (self.data_dir / log_name).stat().st_size > 0 or process.poll() is not None,
                 "the worker to start", 60)  # fmt: skip
        assert process.poll() is None, (self.data_dir / log_name).read_text()[-3000:]
        return process

    def simulate(self, port: int, ack_log: Path, rate: int = 10, duration: int = 6) -> subprocess.Popen[str]:
        """The simulated devices (SIM…) streaming to `port` for `duration` s at `rate` frames/s each,
        resending what is not acknowledged within a second and logging what is to `ack_log`."""
        process = subprocess.Popen(
            [sys.executable, "-m", "heluo", "hj212", "simulate", "--port", str(port), "--stations", str(SIMULATED),
             "--rate", str(rate), "--duration", str(duration), "--retry-seconds", "1", "--ack-log", str(ack_log)],
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )  # fmt: skip
        self.processes.append(process)  # type: ignore[arg-type]
        return process

    def assert_rolled_up_once(self) -> None:
        """Once the hooks worker has caught up, every stored PM10 value of the simulated devices is counted
        in its hour exactly once (valid and invalid samples of the hours' statistics)."""
        wait_for(
            lambda: self.db.value("SELECT COUNT(*) FROM monitoring_committedbatch") == 0,
            "the worker to catch up",
        )
        rolled = sum(
            stats["pm10"][0] + stats["pm10"][5]
            for (value,) in self.db.rows(
                "SELECT h.stats FROM monitoring_hourlyvalue h JOIN monitoring_monitor m ON m.id = h.monitor_id"
                " WHERE m.mn LIKE ?",
                "SIM%",
            )
            for stats in [json.loads(value) if isinstance(value, str) else value]
            if "pm10" in stats
        )
        assert rolled == self.db.value(
            "SELECT COUNT(*) FROM monitoring_reading WHERE mn LIKE ? AND cn IN ('2011', '2051')"
            " AND pm10 IS NOT NULL",
            "SIM%",
        )

    def stored_once(self, ack_log: Path) -> list[tuple[str, ...]]:
        """The frames the simulator's log says were acknowledged, once each checked to be stored, and
        none of the simulator's frames stored twice (read through `heluo hj212 export`)."""
        acked = [tuple(line.split(",")) for line in ack_log.read_text().splitlines()]
        exported = self.heluo("hj212", "export", "-")
        assert exported.returncode == 0, exported.stderr
        stored = [
            (row["mn"], row["cn"], row["data_time"])
            for row in csv.DictReader(exported.stdout.splitlines())
            if row["mn"].startswith("SIM")
        ]
        assert len(stored) == len(set(stored)), "a frame stored twice"
        assert set(acked) <= set(stored), (
            f"acknowledged but not stored: {sorted(set(acked) - set(stored))[:5]}"
        )
        assert len(acked) == len(set(acked)), "a frame acknowledged twice to the simulator's log"
        return acked

    def stop(self, process: subprocess.Popen[bytes], signum: int = signal.SIGTERM) -> int:
        if process.poll() is None:
            os.killpg(process.pid, signum)
        return process.wait(timeout=60)


LISTEN, ESTABLISHED = "0A", "01"


def tcp_sockets(port: int, state: str) -> int:
    """This machine's TCP sockets on a local port in a state (read from /proc: no tool needed)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as lines:
            next(lines)
            for line in lines:
                local, current = line.split()[1], line.split()[3]
                count += current == state and int(local.rsplit(":", 1)[1], 16) == port
    return count


@contextmanager
def installation(factory: pytest.TempPathFactory, name: str) -> Iterator[Installation]:
    """A migrated Heluo (a copy of the run's migrated installation) with the test monitors registered,
    and nothing running."""
    data_dir = factory.mktemp(name)
    url = installed(factory, "migrated", data_dir, f"heluo_ingest_{name}_{os.getpid()}")
    env = {**heluo_environment(data_dir, url), "HELUO_LOG_LEVEL": "WARNING"}
    site = Installation(data_dir, env, Database(path=data_dir / "heluo.sqlite3", url=url or None))
    try:
        result = site.heluo("shell", "--no-imports", "-c", SETUP)
        assert result.returncode == 0, result.stderr[-3000:]
        yield site
    finally:
        for process in site.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if site.db._connection is not None:
            site.db._connection.close()
        if url:
            drop_database(url)


@dataclass
class Receiver:
    site: Installation
    port: int
    process: subprocess.Popen[bytes]
    _next: int = 0

    def device(self, **options: Any) -> Device:
        return Device(self.port, **options)

    def monitors(self, count: int = 1) -> list[str]:
        """MNs of registered monitors no other test of this run uses."""
        if self._next + count > POOL:
            pytest.fail("the pool of test monitors is used up: raise POOL")
        taken = [f"TEST{number:05d}" for number in range(self._next, self._next + count)]
        self._next += count
        return taken

    def monitor(self) -> str:
        return self.monitors(1)[0]
