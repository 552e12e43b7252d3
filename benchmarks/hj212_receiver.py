"""The HJ 212 receiver end to end, on SQLite and on PostgreSQL, beside its two ceilings.

For each database: a fresh installation with 5,000 registered monitors, the receiver (`heluo hj212 serve`)
as its own process, and the load from another process over 127.0.0.1:
- throughput: 1,000 connections each keeping a window of frames in flight, pre-built frames with
  distinct keys, for a fixed time; frames committed and acknowledged per second;
- latency: 5,000 stations × 1 frame/s for a fixed time; the time from sending a frame to its ack;
- catching up: with the hooks worker running beside the receiver (as under `heluo up`), the seconds
  from the end of each load until the rollups and alarms of every stored frame are applied;
- the same loads on two receivers sharing the port (SO_REUSEPORT, `heluo up --hj212-receivers 2`);
- ceiling 1: a bare asyncio server that only splits the same frames and sends the same acks;
- ceiling 2: the database alone writing the same rows in batches of the same size (COPY on PostgreSQL,
  executemany on SQLite), one transaction per batch;
and the ratio of the receiver's rate to the lower ceiling. Every run is bounded in time and count.
`cpu` (`python -m benchmarks hj212_cpu`) says where the time goes: the CPU each process spends per frame
during the throughput load on PostgreSQL, read from /proc.

Run: `python -m benchmarks hj212_receiver` (PostgreSQL from HELUO_BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/heluo; skipped when it cannot be reached). The same file is the
worker the benchmark starts: `python -m benchmarks.hj212_receiver load|bare|dbonly …`.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.installation import drop_postgres, fresh_postgres
from heluo.monitoring.ingest.rows import MEASUREMENT_COLUMNS

STATIONS = 5_000
CONNECTIONS = 1_000
WINDOW = 8  # frames in flight per connection in the throughput run
FRAMES_PER_CONNECTION = 120  # the throughput run: 120,000 frames
LATENCY_SECONDS = 20.0
BATCH_SIZE = 1_000
DB_ROWS = 100_000
ROOT = Path(__file__).resolve().parents[1]

SETUP = f"""
from heluo.core.models import Division
from heluo.monitoring.models import Monitor, MonitoringPoint
place = Division.objects.create(code="410302001000", name="西关街道", level=4)
point = MonitoringPoint.objects.create(name="压测工地", division=place)
Monitor.objects.bulk_create(Monitor(mn=f"BENCH{{n:06d}}", pw="123456", point=point) for n in range({STATIONS}))
"""


def mn(number: int) -> str:
    return f"BENCH{number:06d}"


def dust_frame(station: int, moment: datetime, sequence: int) -> bytes:
    """The realistic 9-factor frame of benchmarks/hj212_codec.py, from one station at one moment."""
    from heluo.monitoring.hj212 import build_frame, format_data_time

    factors = [
        ("a34002", f"{60 + sequence % 40}.1"), ("a34004", f"{30 + sequence % 20}.4"), ("a34001", "120.0"),
        ("LA", "55.2"), ("a01007", "1.8"), ("a01008", "135"), ("a01001", "17.5"), ("a01002", "62"), ("a01006", "100.2"),
    ]  # fmt: skip
    data_time = format_data_time(moment)
    cp = [[("DataTime", data_time)]] + [
        [(f"{code}-Rtd", value), (f"{code}-Flag", "N")] for code, value in factors
    ]
    return build_frame(
        st="39", cn="2011", mn=mn(station), pw="123456", qn=f"{data_time}{sequence % 1000:03d}", flag=5, cp=cp
    )


# --- the load generator (its own process) -----------------------------------------------------------


def beijing_now() -> datetime:
    from heluo.monitoring.hj212 import beijing_now as now

    return now().replace(microsecond=0)


def _frames(stations: int, per_station: int, start: datetime) -> list[list[bytes]]:
    return [
        [dust_frame(s, start + timedelta(seconds=k), k) for k in range(per_station)] for s in range(stations)
    ]


async def _throughput(port: int, per_connection: int) -> dict[str, float]:
    """CONNECTIONS connections, each with WINDOW frames in flight, until each has sent `per_connection`
    frames: the rate between the 10th and the 90th percent of the acknowledgements (steady state)."""
    frames = _frames(CONNECTIONS, per_connection, beijing_now() - timedelta(days=1))
    total = CONNECTIONS * per_connection
    acked = 0
    marks: dict[str, float] = {}
    deadline = time.monotonic() + 240

    async def connection(own: list[bytes]) -> None:
        nonlocal acked
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        sent = min(WINDOW, len(own))
        writer.write(b"".join(own[:sent]))
        pending = b""
        received = 0
        while received < len(own) and time.monotonic() < deadline:
            chunk = await reader.read(65536)
            if not chunk:
                break
            pending += chunk
            count = pending.count(b"\r\n")
            if not count:
                continue
            pending = pending[pending.rfind(b"\r\n") + 2 :]
            received += count
            acked += count
            for mark, share in (("start", 0.1), ("end", 0.9)):
                if mark not in marks and acked >= share * total:
                    marks[mark] = time.monotonic()
            more = own[sent : sent + count]
            sent += len(more)
            if more:
                writer.write(b"".join(more))
        writer.close()

    await asyncio.gather(*(connection(own) for own in frames), return_exceptions=True)
    if "end" not in marks:
        return {"rate": float("nan"), "acked": acked}
    return {"rate": 0.8 * total / (marks["end"] - marks["start"]), "acked": acked}


async def _latency(port: int, seconds: float) -> dict[str, float]:
    """STATIONS stations × 1 frame/s for `seconds`: ack latency percentiles (ms)."""
    count = int(seconds)
    frames = _frames(STATIONS, count, beijing_now() - timedelta(hours=2))
    latencies: list[float] = []
    begin = time.monotonic() + 5  # every connection open before the clock starts

    async def station(index: int, own: list[bytes]) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        sent_at: list[float] = []
        offset = begin + (index / STATIONS)  # spread over the second, as real devices are

        async def send() -> None:
            for k, frame in enumerate(own):
                await asyncio.sleep(max(0.0, offset + k - time.monotonic()))
                sent_at.append(time.monotonic())
                writer.write(frame)

        sender = asyncio.create_task(send())
        received = 0
        pending = b""
        deadline = begin + count + 10
        while received < len(own) and time.monotonic() < deadline:
            try:
                chunk = await asyncio.wait_for(reader.read(65536), timeout=deadline - time.monotonic())
            except TimeoutError:
                break
            if not chunk:
                break
            now = time.monotonic()
            pending += chunk
            acks = pending.count(b"\r\n")
            pending = pending[pending.rfind(b"\r\n") + 2 :] if acks else pending
            for _ in range(acks):
                latencies.append((now - sent_at[received]) * 1000)
                received += 1
        sender.cancel()
        writer.close()

    await asyncio.gather(*(station(i, own) for i, own in enumerate(frames)), return_exceptions=True)
    latencies.sort()
    if not latencies:
        return {"p50": float("nan"), "p99": float("nan"), "acked": 0}
    return {
        "p50": statistics.median(latencies),
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "acked": len(latencies),
        "sent": STATIONS * count,
    }


# --- the bare server: the first ceiling (its own process) ----------------------------------------


async def _bare_server(port: int, ready: Path) -> None:
    from heluo.monitoring.hj212 import Frame, StreamDecoder, build_data_reply

    class Bare(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.transport = transport
            self.decoder = StreamDecoder()

        def data_received(self, data: bytes) -> None:
            replies = [build_data_reply(item) for item in self.decoder.feed(data) if isinstance(item, Frame)]
            self.transport.write(b"".join(replies))  # type: ignore[attr-defined]

    server = await asyncio.get_running_loop().create_server(Bare, "127.0.0.1", port, backlog=4096)
    ready.touch()
    async with server:
        await asyncio.sleep(3600)


# --- the database alone: the second ceiling (a heluo shell) -------------------------------------

DB_ONLY = f"""
import json, time
from datetime import UTC, datetime, timedelta
from django.db import transaction
from heluo.monitoring import storage
from heluo.monitoring.hj212 import BEIJING, parse_frame
from heluo.monitoring.ingest.rows import reading_row
from benchmarks.hj212_receiver import dust_frame
start = datetime(2026, 1, 1)
frames = [parse_frame(dust_frame(n % {STATIONS}, start + timedelta(seconds=n // {STATIONS}), n)) for n in range({DB_ROWS})]
received = datetime.now(UTC)
rows = [reading_row(f, data_time=f.data_time.replace(tzinfo=BEIJING), received_at=received, backfill=False) for f in frames]
began = time.perf_counter()
for index in range(0, len(rows), {BATCH_SIZE}):
    with transaction.atomic():
        storage.insert_readings(rows[index : index + {BATCH_SIZE}])
print(json.dumps({{"rate": len(rows) / (time.perf_counter() - began)}}))
"""


# --- the run ---------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


def _wait_listening(port: int, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not _listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server on {port} did not start")
        time.sleep(0.1)


class Bench:
    def __init__(self, label: str, data_dir: Path, database_url: str | None) -> None:
        self.label = label
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("HELUO_", "DJANGO_"))}
        self.env.update(
            HELUO_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="heluo.settings", HELUO_LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT), HELUO_HJ212_BATCH_SIZE=str(BATCH_SIZE), HELUO_HJ212_QUEUE_LIMIT=str(2 * BATCH_SIZE),
            HELUO_HJ212_MAX_AGE_DAYS="400",
        )  # fmt: skip
        if database_url:
            self.env["HELUO_DATABASE_URL"] = database_url

    def heluo(self, *args: str, timeout: float = 600) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "heluo", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"heluo {args[0]} failed: {result.stderr[-2000:]}")
        return result.stdout

    def worker(self, *args: str, timeout: float) -> dict[str, float]:
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.hj212_receiver", *args],
            env=self.env, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
        )  # fmt: skip
        if result.returncode:
            raise RuntimeError(f"worker {args[0]} failed: {result.stderr[-2000:]}")
        return dict(json.loads(result.stdout.strip().splitlines()[-1]))

    @contextmanager
    def server(self, argv: list[str], port: int) -> Iterator[subprocess.Popen[bytes]]:
        log = (self.data_dir / f"{argv[-1]}-{port}.log").open("wb")
        process = subprocess.Popen(
            argv, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT
        )
        try:
            _wait_listening(port, process)
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            log.close()

    def receiver(self, port: int) -> Iterator[subprocess.Popen[bytes]]:
        return self.server([sys.executable, "-m", "heluo", "hj212", "serve", "--port", str(port)], port)

    @contextmanager
    def receivers(self, port: int, count: int) -> Iterator[None]:
        """`count` receivers sharing `port` (SO_REUSEPORT), as `heluo up --hj212-receivers N` runs them;
        each is waited for until it says it listens, so that the load finds all of them."""
        argv = [sys.executable, "-m", "heluo", "hj212", "serve", "--port", str(port), "--reuse-port"]
        logs = [self.data_dir / f"receiver-{port}-{n}.log" for n in range(count)]
        processes = []
        try:
            for log_path in logs:
                with log_path.open("wb") as log:
                    processes.append(
                        subprocess.Popen(
                            argv,
                            env=self.env,
                            stdout=log,
                            stderr=subprocess.STDOUT,
                            start_new_session=True,
                            cwd=ROOT,
                        )
                    )
            deadline = time.monotonic() + 120
            while not all(log_path.stat().st_size for log_path in logs):
                if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
                    raise RuntimeError(f"a receiver did not start: {[p.read_text()[-500:] for p in logs]}")
                time.sleep(0.1)
            yield
        finally:
            for process in processes:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                process.wait(timeout=120)

    def value(self, sql: str) -> float:
        """One number from the installation's database."""
        if "HELUO_DATABASE_URL" in self.env:
            import psycopg

            url = self.env["HELUO_DATABASE_URL"].replace("postgres://", "postgresql://", 1)
            with psycopg.connect(url) as db:
                return float(db.execute(sql).fetchone()[0])  # type: ignore[index]
        import sqlite3

        with sqlite3.connect(self.data_dir / "heluo.sqlite3", timeout=30) as db:
            return float(db.execute(sql).fetchone()[0])

    def waiting_batches(self) -> int:
        """Committed batches the hooks worker has not applied yet."""
        return int(self.value("SELECT COUNT(*) FROM monitoring_committedbatch"))

    def bytes_per_frame(self) -> float:
        """What a stored frame takes on disk, with its indexes and its message log rows."""
        frames = self.value("SELECT COUNT(*) FROM monitoring_reading")
        if "HELUO_DATABASE_URL" in self.env:
            used = self.value(
                "SELECT SUM(pg_total_relation_size(inhrelid)) FROM pg_inherits"
                " WHERE inhparent = 'monitoring_reading'::regclass"
            ) + self.value("SELECT pg_total_relation_size('monitoring_messagelog')")
        else:
            used = self.value(
                "SELECT SUM(d.pgsize) FROM dbstat d JOIN sqlite_schema s ON s.name = d.name"
                " WHERE s.tbl_name IN ('monitoring_reading', 'monitoring_messagelog')"
            )
        return used / frames if frames else float("nan")

    @contextmanager
    def hooks_worker(self) -> Iterator[subprocess.Popen[bytes]]:
        """`heluo hj212 worker` beside the receiver, as under `heluo up`."""
        log_path = self.data_dir / "worker.log"
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "heluo", "hj212", "worker"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
            )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while not log_path.stat().st_size:  # it prints a line once it has read the outbox
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the hooks worker did not start: {log_path.read_text()[-2000:]}")
                time.sleep(0.1)
            yield process
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=120)

    def caught_up(self, seconds: float = 300) -> float:
        """Seconds from now until the hooks worker has applied every committed batch."""
        began = time.monotonic()
        while self.waiting_batches():
            if time.monotonic() - began > seconds:
                return float("nan")
            time.sleep(0.1)
        return time.monotonic() - began

    def run(self) -> list[tuple[str, float, str]]:
        self.heluo("migrate", "--noinput")
        self.heluo("shell", "--no-imports", "-c", SETUP)
        port = _free_port()
        with self.hooks_worker(), self.receiver(port):
            throughput = self.worker("load", "throughput", str(port), str(FRAMES_PER_CONNECTION), timeout=300)
            throughput_caught_up = self.caught_up()
        stored = self.bytes_per_frame()
        port = _free_port()
        with self.hooks_worker(), self.receiver(port):
            latency = self.worker("load", "latency", str(port), str(LATENCY_SECONDS), timeout=300)
            latency_caught_up = self.caught_up()
        port = _free_port()
        with self.hooks_worker(), self.receivers(port, 2):
            shared = self.worker("load", "throughput", str(port), str(FRAMES_PER_CONNECTION), timeout=300)
        port = _free_port()
        with self.hooks_worker(), self.receivers(port, 2):
            shared_latency = self.worker("load", "latency", str(port), str(LATENCY_SECONDS), timeout=300)
            shared_caught_up = self.caught_up()
        port = _free_port()
        ready = self.data_dir / "bare.ready"
        with self.server(
            [sys.executable, "-m", "benchmarks.hj212_receiver", "bare", str(port), str(ready)], port
        ):
            bare = self.worker("load", "throughput", str(port), str(FRAMES_PER_CONNECTION), timeout=300)
        database = json.loads(self.heluo("shell", "--no-imports", "-c", DB_ONLY).strip().splitlines()[-1])
        lower = min(bare["rate"], database["rate"])
        name = self.label
        return [
            (f"receiver {name}: committed+acked, {CONNECTIONS} conns", throughput["rate"], "frames/s"),
            (f"receiver {name}: ack p50 at {STATIONS}×1/s", latency["p50"], "ms"),
            (f"receiver {name}: ack p99 at {STATIONS}×1/s", latency["p99"], "ms"),
            (
                f"receiver {name}: acked of sent at {STATIONS}×1/s",
                100 * latency["acked"] / latency["sent"],
                "%",
            ),
            (f"receiver {name}: rollups caught up after the throughput load", throughput_caught_up, "s"),
            (f"receiver {name}: rollups caught up after the {STATIONS}×1/s load", latency_caught_up, "s"),
            (f"receiver {name}: disk per stored frame (reading + message log)", stored, "bytes"),
            (f"ceiling: bare asyncio split+ack ({name} run)", bare["rate"], "frames/s"),
            (f"ceiling: {name} alone, batches of {BATCH_SIZE}", database["rate"], "rows/s"),
            (f"receiver {name} ÷ lower ceiling", throughput["rate"] / lower, "ratio"),
            (
                f"2 receivers {name} (SO_REUSEPORT): committed+acked, {CONNECTIONS} conns",
                shared["rate"],
                "frames/s",
            ),
            (f"2 receivers {name}: ack p50 at {STATIONS}×1/s", shared_latency["p50"], "ms"),
            (f"2 receivers {name}: ack p99 at {STATIONS}×1/s", shared_latency["p99"], "ms"),
            (
                f"2 receivers {name}: acked of sent at {STATIONS}×1/s",
                100 * shared_latency["acked"] / shared_latency["sent"],
                "%",
            ),
            (f"2 receivers {name}: rollups caught up after the {STATIONS}×1/s load", shared_caught_up, "s"),
            (f"2 receivers {name} ÷ lower ceiling", shared["rate"] / lower, "ratio"),
        ]


# --- where the CPU goes ----------------------------------------------------------------------------

# A process's kind by its command line (PostgreSQL's backends name themselves "postgres: …").
_KINDS = (
    ("postgres", "PostgreSQL"), ("hj212 serve", "receiver"), ("hj212 worker", "hooks worker"),
    ("hj212_receiver load", "load generator"),
)  # fmt: skip


def _cpu_by_process() -> dict[int, tuple[str, float]]:
    """Every process of a known kind: (kind, CPU seconds so far)."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            command = (
                Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            )
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended
        kind = next((name for mark, name in _KINDS if command.startswith(mark) or mark in command), None)
        if kind:
            found[int(entry)] = (kind, (int(fields[11]) + int(fields[12])) / tick)
    return found


@contextmanager
def _cpu_meter(totals: dict[str, float]) -> Iterator[None]:
    """CPU seconds spent by each kind of process inside the block, sampled twice a second (a process that
    ends between samples loses at most its last half second)."""
    before = _cpu_by_process()
    last = dict(before)
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.5):
            last.update(_cpu_by_process())

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        yield
    finally:
        stop.set()
        sampler.join()
        last.update(_cpu_by_process())
        for pid, (kind, seconds) in last.items():
            totals[kind] = totals.get(kind, 0.0) + seconds - before.get(pid, (kind, 0.0))[1]


def cpu() -> list[tuple[str, float, str]]:
    """CPU per committed frame of each process during the throughput load on PostgreSQL (one receiver and
    the hooks worker, as `heluo up` runs them), and the rate two cores would allow at that cost."""
    url = fresh_postgres(f"heluo_bench_hj212_cpu_{os.getpid()}")
    if not url:
        return []
    totals: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="heluo-bench-") as tmp:
            bench = Bench("PostgreSQL", Path(tmp), url)
            bench.heluo("migrate", "--noinput")
            bench.heluo("shell", "--no-imports", "-c", SETUP)
            port = _free_port()
            with bench.hooks_worker(), bench.receiver(port), _cpu_meter(totals):
                result = bench.worker(
                    "load", "throughput", str(port), str(FRAMES_PER_CONNECTION), timeout=300
                )
                bench.caught_up()
    finally:
        drop_postgres(url)
    frames = result["acked"]
    rows = [
        (f"CPU per frame on PostgreSQL: {kind}", 1e6 * seconds / frames, "µs")
        for kind, seconds in sorted(totals.items(), key=lambda item: -item[1])
    ]
    per_frame = sum(totals.values()) / frames
    rows.append(("CPU per frame on PostgreSQL: all of them", 1e6 * per_frame, "µs"))
    rows.append(
        (f"frames/s {os.cpu_count()} cores allow at that cost", (os.cpu_count() or 1) / per_frame, "frames/s")
    )
    rows.append(("receiver PostgreSQL in the same run: committed+acked", result["rate"], "frames/s"))
    return rows


def run() -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="heluo-bench-") as tmp:
        rows += Bench("SQLite", Path(tmp) / "sqlite", None).run()
        url = fresh_postgres(f"heluo_bench_hj212_{os.getpid()}")
        if url:
            try:
                rows += Bench("PostgreSQL", Path(tmp) / "pg", url).run()
            finally:
                drop_postgres(url)
    return rows


# --- the layout probe: wide or narrow readings (docs/monitoring.md) -------------------------------

LAYOUT_FRAMES = 50_000
# The same measurement columns as the readings table.
LAYOUT_FACTORS = MEASUREMENT_COLUMNS


def _layout_rows() -> list[tuple[str, datetime, list[float], str]]:
    import random

    rng = random.Random(1)
    start = datetime(2026, 11, 1)
    rows = []
    for n in range(LAYOUT_FRAMES):
        values = [round(rng.uniform(10, 200), 1) for _ in LAYOUT_FACTORS]
        raw = ";".join(
            f"{name}-Rtd={value},{name}-Flag=N" for name, value in zip(LAYOUT_FACTORS, values, strict=True)
        )
        rows.append((f"41030000000{n % 200:04d}", start + timedelta(seconds=30 * (n // 200)), values, raw))
    return rows


def _layout_sqlite(
    path: Path, wide: bool, rows: list[tuple[str, datetime, list[float], str]]
) -> tuple[float, float, float]:
    import sqlite3

    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    key = "mn text, cn text, data_time text, pno int"
    if wide:
        factors = ", ".join(f"{f} real" for f in LAYOUT_FACTORS)
        db.execute(
            f"CREATE TABLE r ({key}, received_at text, {factors}, extra text, raw text, PRIMARY KEY (mn, cn, data_time, pno))"
        )
    else:
        db.execute(
            f"CREATE TABLE f ({key}, received_at text, raw text, PRIMARY KEY (mn, cn, data_time, pno))"
        )
        db.execute(
            f"CREATE TABLE v ({key}, code text, value real, flag text, PRIMARY KEY (mn, cn, data_time, pno, code))"
        )
    began = time.perf_counter()
    for index in range(0, len(rows), 500):
        db.execute("BEGIN IMMEDIATE")
        chunk = [(mn, "2011", str(t), 0, values, raw) for mn, t, values, raw in rows[index : index + 500]]
        if wide:
            marks = ",".join("?" * (7 + len(LAYOUT_FACTORS)))
            db.executemany(
                f"INSERT INTO r VALUES ({marks})",
                [(m, c, t, p, t, *v, None, r) for m, c, t, p, v, r in chunk],
            )
        else:
            db.executemany(
                "INSERT INTO f VALUES (?,?,?,?,?,?)", [(m, c, t, p, t, r) for m, c, t, p, _, r in chunk]
            )
            db.executemany(
                "INSERT INTO v VALUES (?,?,?,?,?,?,'N')",
                [
                    (m, c, t, p, f, x)
                    for m, c, t, p, v, _ in chunk
                    for f, x in zip(LAYOUT_FACTORS, v, strict=True)
                ],
            )
        db.execute("COMMIT")
    rate = len(rows) / (time.perf_counter() - began)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size / len(rows)
    query = (
        "SELECT substr(data_time, 1, 13), avg(pm10) FROM r WHERE mn = ? AND cn = '2011' GROUP BY 1"
        if wide
        else "SELECT substr(data_time, 1, 13), avg(value) FROM v WHERE mn = ? AND cn = '2011' AND code = 'pm10' GROUP BY 1"
    )
    began = time.perf_counter()
    for station in range(20):
        db.execute(query, (f"41030000000{station:04d}",)).fetchall()
    return rate, size, (time.perf_counter() - began) / 20 * 1000


def layout() -> list[tuple[str, float, str]]:
    """The measurement behind the wide readings table, on SQLite (PostgreSQL's is in docs/monitoring.md)."""
    rows = _layout_rows()
    figures = []
    with tempfile.TemporaryDirectory(prefix="heluo-layout-") as tmp:
        for wide in (True, False):
            name = "wide" if wide else "narrow"
            rate, size, query = _layout_sqlite(Path(tmp) / f"{name}.sqlite3", wide, rows)
            figures += [
                (f"readings layout {name} (SQLite): insert", rate, "frames/s"),
                (f"readings layout {name} (SQLite): size", size, "bytes/frame"),
                (f"readings layout {name} (SQLite): hourly PM10 of one MN", query, "ms"),
            ]
    return figures


def _main(argv: list[str]) -> None:
    role = argv[0]
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    if role == "load":
        kind, port, amount = argv[1], int(argv[2]), argv[3]
        result = runner(
            _throughput(port, int(amount)) if kind == "throughput" else _latency(port, float(amount))
        )
        print(json.dumps(result))
    elif role == "bare":
        runner(_bare_server(int(argv[1]), Path(argv[2])))
    else:
        raise SystemExit(f"unknown role {role!r}")


if __name__ == "__main__":
    _main(sys.argv[1:])
