"""The one supervisor of Heluo's processes (`heluo up`): starts each child in its own process group,
restarts a child that dies (with backoff, reported, never ignored), and on Ctrl-C or SIGTERM stops them
all cleanly — SIGTERM first, SIGKILL after a grace period."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

MAX_BACKOFF_SECONDS = 30.0


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    env: dict[str, str] | None = None
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    restart_at: float = 0.0
    started_at: float = 0.0
    failures: list[float] = field(default_factory=list)

    def start(self) -> None:
        self.process = subprocess.Popen(
            list(self.argv), env={**os.environ, **(self.env or {})}, start_new_session=True
        )
        self.started_at = time.monotonic()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def backoff(self, now: float) -> float:
        """Seconds to wait before the next start: doubles with each failure within a minute."""
        self.failures = [t for t in self.failures if now - t < 60] + [now]
        return min(MAX_BACKOFF_SECONDS, 0.5 * 2 ** (len(self.failures) - 1))

    def signal(self, signum: int) -> None:
        if self.running and self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signum)


class Supervisor:
    def __init__(
        self, children: list[Child], log: Callable[[str], None] = print, grace_seconds: float = 10.0
    ) -> None:
        self.children = children
        self.log = log
        self.grace_seconds = grace_seconds
        self.stopping = False

    def request_stop(self, signum: int = signal.SIGTERM, frame: object = None) -> None:
        self.stopping = True

    def run(self, poll_seconds: float = 0.5, until: Callable[[], bool] | None = None) -> int:
        """Start every child and keep them up until asked to stop (or `until()` is true). Returns 0."""
        for child in self.children:
            child.start()
            self.log(f"[heluo up] started {child.name} (pid {child.process.pid if child.process else '?'})")
        try:
            while not self.stopping and not (until and until()):
                self.tend(time.monotonic())
                time.sleep(poll_seconds)
        finally:
            self.stop_all()
        return 0

    def tend(self, now: float) -> None:
        """Restart the children that died, each after its backoff."""
        for child in self.children:
            if child.running:
                continue
            if child.restart_at == 0.0:
                code = child.process.returncode if child.process else None
                delay = child.backoff(now)
                child.restart_at = now + delay
                self.log(f"[heluo up] {child.name} exited with code {code}; restarting in {delay:.1f} s")
            elif now >= child.restart_at:
                child.restart_at = 0.0
                child.restarts += 1
                child.start()
                self.log(f"[heluo up] restarted {child.name} (restart #{child.restarts})")

    def stop_all(self) -> None:
        for child in self.children:
            child.signal(signal.SIGTERM)
        deadline = time.monotonic() + self.grace_seconds
        for child in self.children:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.log(f"[heluo up] {child.name} did not stop in time; killing it")
                child.signal(signal.SIGKILL)
                child.process.wait()
        self.log("[heluo up] stopped")


def python_command(*args: str) -> list[str]:
    """A command line running this Python (the one `heluo up` runs in): no PATH lookup needed."""
    return [sys.executable, *args]
